print("wikikiosk")
