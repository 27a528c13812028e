// Placeholder: the application module is filled in by the foundation work.
enum KioskPlaceholder {}
