#ifndef CQRENCODE_SHIM_H
#define CQRENCODE_SHIM_H

// libqrencode (Debian libqrencode-dev): QR code symbols as module matrices. Imported as is;
// the Swift wrapper is Sources/Kiosk/Signs/QRCode.swift.
#include <qrencode.h>

#endif
