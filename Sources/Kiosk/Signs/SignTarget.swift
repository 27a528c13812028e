/// Where a sign's QR code leads.
public enum SignTarget: String, Sendable, CaseIterable {
    /// The article on the kiosk (`http://<kiosk-host>/s/<id>`); the sign also tells how to join
    /// the kiosk's Wi-Fi, with a second QR code.
    case kiosk
    /// The article on `https://<lang>.wikipedia.org/wiki/<Title>`, for street plaques where
    /// people have mobile data.
    case online
    /// A public server running wikikiosk (`<public-base>/s/<id>`), which counts the scan and sends
    /// the phone to Wikipedia in its language when the catalogue gives several.
    case redirect
}
