import CZim

/// Keeps a ZIM file that shrinks while served from killing the process (see
/// `czim_file_fence.cpp`): libzim reads parts of the file through read-only mappings, and a
/// mapped page past the file's new end raises SIGBUS. With the fence installed, such a page
/// reads as zeros instead (libzim then reports the entry as damaged), and `fencedPages` grows,
/// so the kiosk can retire the book at once.
public enum FileFence {
    /// Installs the SIGBUS handler (once per process; later calls do nothing). False when the
    /// system refused it.
    @discardableResult
    public static func install() -> Bool { czim_file_fence_install() }

    /// Pages of ZIM files fenced since the process started.
    public static var fencedPages: UInt64 { czim_file_fence_count() }
}
