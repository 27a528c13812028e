enum ZimKitPlaceholder {}
