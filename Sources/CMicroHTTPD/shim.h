#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H
// libmicrohttpd for the HTTPServer module. Swift imports most of <microhttpd.h> directly;
// the wrappers below exist only where Swift cannot call or express something itself.
// Every wrapper is prefixed `cmhd_` and says why it exists.
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

// MHD_start_daemon is a C variadic function, which Swift does not import. Options are passed
// through MHD_OPTION_ARRAY instead: `options` must end with an MHD_OPTION_END item and stay
// valid for the duration of this call only (MHD copies what it needs).
static inline struct MHD_Daemon *cmhd_start_daemon(unsigned int flags,
                                                   uint16_t port,
                                                   MHD_AcceptPolicyCallback policy,
                                                   void *policy_cls,
                                                   MHD_AccessHandlerCallback handler,
                                                   void *handler_cls,
                                                   struct MHD_OptionItem *options) {
    return MHD_start_daemon(flags, port, policy, policy_cls, handler, handler_cls,
                            MHD_OPTION_ARRAY, options,
                            MHD_OPTION_END);
}

// MHD_get_daemon_info is variadic (not imported by Swift). Returns the bound port, 0 on failure.
static inline uint16_t cmhd_daemon_bind_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

// MHD_get_connection_info is variadic (not imported by Swift). Returns the peer address or NULL.
static inline const struct sockaddr *cmhd_connection_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

// MHD_get_connection_info is variadic (not imported by Swift). Returns the connection's socket,
// or -1. The connection guard needs it to shut down a connection that is too slow.
static inline int cmhd_connection_fd(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : info->connect_fd;
}

// The URI-log callback has no typedef in <microhttpd.h>; this one gives Swift a named type.
typedef void *(*cmhd_uri_log_callback)(void *cls, const char *uri, struct MHD_Connection *connection);

// The unescape callback has no typedef in <microhttpd.h> either.
typedef size_t (*cmhd_unescape_callback)(void *cls, struct MHD_Connection *connection, char *s);

// Option items whose value is a plain integer. `value` is an intptr_t in MHD_OptionItem;
// keeping the conversion in C keeps the Swift side free of width/sign juggling.
static inline struct MHD_OptionItem cmhd_option_uint(enum MHD_OPTION option, unsigned int value) {
    struct MHD_OptionItem item = { option, (intptr_t) value, NULL };
    return item;
}
static inline struct MHD_OptionItem cmhd_option_size(enum MHD_OPTION option, size_t value) {
    struct MHD_OptionItem item = { option, (intptr_t) value, NULL };
    return item;
}

// Options followed by TWO pointers (a function and its closure): MHD_OPTION_ARRAY requires the
// function pointer to be cast to intptr_t, a cast Swift cannot write for a C function pointer
// without unsafeBitCast. These typed constructors do the cast where the types are checked.
static inline struct MHD_OptionItem cmhd_option_notify_completed(MHD_RequestCompletedCallback callback, void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t) callback, cls };
    return item;
}
static inline struct MHD_OptionItem cmhd_option_uri_log(cmhd_uri_log_callback callback, void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_URI_LOG_CALLBACK, (intptr_t) callback, cls };
    return item;
}
static inline struct MHD_OptionItem cmhd_option_unescape(cmhd_unescape_callback callback, void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t) callback, cls };
    return item;
}
static inline struct MHD_OptionItem cmhd_option_notify_connection(MHD_NotifyConnectionCallback callback, void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_NOTIFY_CONNECTION, (intptr_t) callback, cls };
    return item;
}
static inline struct MHD_OptionItem cmhd_option_external_logger(MHD_LogCallback callback, void *cls) {
    struct MHD_OptionItem item = { MHD_OPTION_EXTERNAL_LOGGER, (intptr_t) callback, cls };
    return item;
}

// MHD_OPTION_LISTEN_SOCKET takes an MHD_socket (an int on POSIX) as its value.
static inline struct MHD_OptionItem cmhd_option_listen_socket(MHD_socket socket) {
    struct MHD_OptionItem item = { MHD_OPTION_LISTEN_SOCKET, (intptr_t) socket, NULL };
    return item;
}

static inline struct MHD_OptionItem cmhd_option_end(void) {
    struct MHD_OptionItem item = { MHD_OPTION_END, 0, NULL };
    return item;
}

#endif
