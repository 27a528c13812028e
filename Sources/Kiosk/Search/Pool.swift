import Dispatch
import Synchronization

/// A bounded pool of objects that must be used by one thread at a time (libzim searchers):
/// at most `capacity` exist, each lent to one caller until given back.
final class Pool<Object: AnyObject & Sendable>: Sendable {
    private let slots: DispatchSemaphore
    private let idle = Mutex<[Object]>([])
    private let make: @Sendable () -> Object?
    /// The most objects that exist at once.
    let capacity: Int

    init(capacity: Int, make: @escaping @Sendable () -> Object?) {
        self.capacity = max(1, capacity)
        self.slots = DispatchSemaphore(value: max(1, capacity))
        self.make = make
    }

    /// An object for the caller's exclusive use, waiting until `deadline` for one to be free;
    /// nil on timeout or when one cannot be made. Give it back with `release`.
    func acquire(until deadline: DispatchTime) -> Object? {
        guard slots.wait(timeout: deadline) == .success else { return nil }
        if let object = idle.withLock({ $0.popLast() }) { return object }
        guard let object = make() else {
            slots.signal()
            return nil
        }
        return object
    }

    /// Gives back an object obtained from `acquire`.
    func release(_ object: Object) {
        idle.withLock { $0.append(object) }
        slots.signal()
    }
}
