import CMicroHTTPD
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// C callbacks handed to libmicrohttpd. They live at file scope in this library (not in a
// `main.swift`, where Swift 6 would make them @MainActor and crash on MHD threads), capture
// nothing, and reach Swift state only through their `void *cls` argument. They never let a Swift
// error cross the C frame: everything below is non-throwing.

/// MHD_AccessHandlerCallback: called for headers, then for each body piece, then once more.
func mhdAccessHandler(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let method, let uploadDataSize, let requestContext else { return .NO }
    let context = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue()
    return RequestDispatch(context: context, connection: connection).access(
        url: url, method: method, version: version.flatMap { String(validatingCString: $0) }, uploadData: uploadData, uploadDataSize: uploadDataSize,
        requestContext: requestContext)
}

/// MHD_AcceptPolicyCallback: whether a new client may connect (`ConnectionGuard.admit`).
func mhdAcceptPolicy(_ cls: UnsafeMutableRawPointer?, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> MHD_Result {
    guard let cls else { return .YES }
    let context = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue()
    return context.connections.admit(address: AddressKey.bytes(address)) ? .YES : .NO
}

/// MHD_NotifyConnectionCallback: a connection opened or closed (`ConnectionGuard`).
func mhdNotifyConnection(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ socketContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ code: MHD_ConnectionNotificationCode
) {
    guard let cls, let connection else { return }
    let guardian = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue().connections
    let key = Int(bitPattern: UnsafeRawPointer(connection))
    if code.rawValue == 0 {  // MHD_CONNECTION_NOTIFY_STARTED (Swift does not import the constant)
        guardian.started(key, socket: cmhd_connection_fd(connection),
                         address: AddressKey.bytes(cmhd_connection_client_address(connection)))
    } else {
        guardian.closed(key)
    }
}

/// URI-log callback: the first thing MHD reports about a request, with the target exactly as
/// received (path and query, before any splitting or unescaping). Creates the per-request state.
func mhdURILog(_ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?, _ connection: OpaquePointer?)
    -> UnsafeMutableRawPointer?
{
    guard let cls else { return nil }
    let context = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue()
    context.inFlight.add(1, ordering: .relaxed)
    let target = uri.flatMap { String(validatingCString: $0) }
    return Unmanaged.passRetained(RequestState(target: target)).toOpaque()
}

/// MHD_RequestCompletedCallback: the response was sent (or the request failed). Releases the
/// per-request state. With a URI-log callback installed, MHD calls this for every request it
/// reported there, including those it answered itself.
func mhdRequestCompleted(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ code: MHD_RequestTerminationCode
) {
    if let cls, let connection {
        Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue().connections
            .requestCompleted(Int(bitPattern: UnsafeRawPointer(connection)))
    }
    guard let requestContext, let state = requestContext.pointee else { return }
    requestContext.pointee = nil
    Unmanaged<RequestState>.fromOpaque(state).release()
    if let cls {
        Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue().inFlight.subtract(1, ordering: .releasing)
    }
}

/// Unescape callback that leaves the string untouched, so `url` and the target reach `Request`
/// still percent-encoded and are decoded in one place (PercentDecoding), strictly.
func mhdUnescapeNothing(_ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ text: UnsafeMutablePointer<CChar>?) -> Int {
    guard let text else { return 0 }
    return strlen(text)
}

/// MHD_LogCallback: formats MHD's printf-style message and hands it to `Configuration.errorLog`.
func mhdLog(_ cls: UnsafeMutableRawPointer?, _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer?) {
    guard let cls, let format, let arguments else { return }
    let context = Unmanaged<DaemonContext>.fromOpaque(cls).takeUnretainedValue()
    guard let errorLog = context.errorLog else { return }
    var buffer = [CChar](repeating: 0, count: 1024)
    _ = vsnprintf(&buffer, buffer.count, format, arguments)
    let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    errorLog(message.hasSuffix("\n") ? String(message.dropLast()) : message)
}

/// MHD_KeyValueIterator collecting header fields into a `HeaderCollector`.
func mhdCollectHeader(
    _ cls: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind, _ key: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let collector = Unmanaged<HeaderCollector>.fromOpaque(cls).takeUnretainedValue()
    collector.pairs.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return .YES
}

/// MHD_ContentReaderFreeCallback for `.borrowed` bodies: MHD is done with the memory.
func mhdReleaseOwner(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    Unmanaged<AnyObject>.fromOpaque(cls).release()
}

/// MHD_ContentReaderCallback for `.stream` bodies.
func mhdStreamRead(_ cls: UnsafeMutableRawPointer?, _ position: UInt64, _ buffer: UnsafeMutablePointer<CChar>?, _ maxCount: Int) -> Int {
    guard let cls, let buffer else { return MHD_CONTENT_READER_END_WITH_ERROR }
    return Unmanaged<StreamSource>.fromOpaque(cls).takeUnretainedValue()
        .read(at: position, into: UnsafeMutableRawPointer(buffer), maxCount: maxCount)
}

/// MHD_ContentReaderFreeCallback for `.stream` bodies.
func mhdStreamFree(_ cls: UnsafeMutableRawPointer?) {
    guard let cls else { return }
    Unmanaged<StreamSource>.fromOpaque(cls).release()
}

/// Accumulates header fields during MHD_get_connection_values (synchronous, one thread).
final class HeaderCollector {
    var pairs: [(String, String)] = []
}
