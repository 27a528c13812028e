/// The landing page's style sheet: served once at `/landing/landing.css?v=<hash>` and cached.
///
/// Colours meet WCAG 2.1 AA (4.5:1 for text): `Palette` lists the pairs the tests check.
enum LandingStyle {
    /// Foreground/background pairs used for text, checked by the tests for contrast ≥ 4.5.
    static let textPairs: [(String, String)] = [
        ("#202122", "#ffffff"), ("#202122", "#f6f4ef"), ("#54595d", "#ffffff"), ("#54595d", "#f6f4ef"),
        ("#2a4b8d", "#ffffff"), ("#2a4b8d", "#f6f4ef"), ("#ffffff", "#1f3864"), ("#e3eaf7", "#1f3864"),
        ("#ffffff", "#2a4b8d"), ("#4a3500", "#fdf3d8"), ("#ffffff", "#1d6b3a"), ("#14532d", "#e8f5ec"),
        // Dark mode (here, `PageLayout.darkBase`, the visitor pages and the reading toolbar).
        ("#eaecf0", "#121519"), ("#eaecf0", "#1e232a"), ("#9cbcff", "#121519"), ("#9cbcff", "#1e232a"),
        ("#b5bcc6", "#121519"), ("#b5bcc6", "#1e232a"), ("#ffffff", "#16294a"), ("#e3eaf7", "#16294a"),
        ("#ffffff", "#3e64b0"), ("#f5e3b3", "#3a2f12"), ("#cdebd6", "#12311f"), ("#eaecf0", "#2a3340"),
        ("#f0a77a", "#121519"), ("#8fd47a", "#121519"), ("#ffffff", "#101a2e"), ("#e3eaf7", "#101a2e"),
        ("#eeeeee", "#202122"),
    ]

    static let css = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#202122;background:#f6f4ef}
        a{color:#2a4b8d}
        a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #2a4b8d;outline-offset:2px}
        .top a:focus-visible{outline-color:#ffd34d}
        .wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
        .skip{position:absolute;left:.5rem;top:-4rem;background:#fff;padding:.5rem;z-index:2}
        .skip:focus{top:.5rem}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        .top{background:#1f3864;color:#fff;padding:.6rem 0 2.4rem}
        .bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
        .brand{display:flex;gap:.6rem;align-items:center;margin:0}
        .brand svg{flex:none}
        .name{display:block;font-weight:700;font-size:1.2rem;line-height:1.25}
        .place{display:block;color:#e3eaf7;font-size:.9rem}
        .langs{order:-1;width:100%;display:flex;flex-wrap:wrap;gap:.4rem;justify-content:flex-end;font-size:.85rem}
        .langs a,.langs span{display:inline-block;min-height:2.75rem;color:#fff;padding:.55rem .8rem;border-radius:1rem;border:1px solid #8ea4cc;text-decoration:none;min-width:2.75rem;text-align:center;white-space:nowrap}
        .langs span{background:#fff;color:#1f3864;font-weight:600}
        main{margin-top:-1.9rem}
        .card{background:#fff;border-radius:.9rem;box-shadow:0 1px 3px rgba(0,0,0,.15);padding:1.1rem;margin:0 0 1.1rem}
        h1{font-size:1.45rem;line-height:1.25;margin:0 0 .4rem;font-family:Georgia,"Linux Libertine","Times New Roman",serif;font-weight:700}
        h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
        .intro{margin:0 0 1rem;color:#54595d}
        label{display:block;font-weight:600;margin-bottom:.35rem}
        .row{display:flex;gap:.5rem}
        input[type=search]{flex:1;min-width:0;font:inherit;font-size:1.05rem;padding:.7rem .8rem;border:2px solid #54595d;border-radius:.6rem;background:#fff;color:#202122;-webkit-appearance:none;appearance:none}
        button{font:inherit;font-weight:600;border:0;border-radius:.6rem;padding:.7rem .9rem;background:#2a4b8d;color:#fff;cursor:pointer;min-height:2.9rem}
        .search{position:relative}
        #sug{list-style:none;margin:.3rem 0 0;padding:.25rem 0;border:1px solid #a2a9b1;border-radius:.6rem;background:#fff;position:absolute;left:0;right:0;z-index:3;box-shadow:0 4px 12px rgba(0,0,0,.15)}
        #sug a{display:block;padding:.6rem .8rem;text-decoration:none;color:#202122}
        #sug [aria-selected=true] a,#sug a:hover{background:#eaf0fa}
        #sug small{display:block;color:#54595d}
        .portal{background:#fdf3d8;color:#4a3500;border-left:6px solid #b27800}
        .portal h2{margin:0 0 .3rem;font-size:1.1rem}
        .portal p{margin:0 0 .8rem}
        .portal form{margin:0}
        .portal button{background:#1d6b3a}
        .done{background:#e8f5ec;color:#14532d;border-left:6px solid #1d6b3a}
        .done p{margin:0}
        .done strong{font-size:1.1rem}
        ul.list{list-style:none;margin:0;padding:0}
        .feat li{margin:0 0 .6rem}
        .feat a{display:flex;gap:.75rem;align-items:center;background:#fff;border-radius:.75rem;padding:.75rem .9rem;text-decoration:none;box-shadow:0 1px 2px rgba(0,0,0,.12);min-height:3rem}
        .feat .star{flex:none;width:2.2rem;height:2.2rem;border-radius:50%;background:#eaf0fa;display:flex;align-items:center;justify-content:center}
        .feat b{display:block;color:#2a4b8d}
        .feat span span{display:block;color:#54595d;font-size:.9rem}
        .books li{display:flex;gap:.85rem;background:#fff;border-radius:.75rem;padding:.85rem;margin:0 0 .7rem;box-shadow:0 1px 2px rgba(0,0,0,.12)}
        .books img,.books .ph{flex:none;width:48px;height:48px;border-radius:.5rem}
        .books .ph{background:#1f3864;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:1.3rem}
        .books h3{margin:0;font-size:1.05rem}
        .books h3 a{text-decoration:none;display:inline-block;padding:.55rem 0;min-height:2.75rem}
        .books p{margin:.15rem 0;color:#54595d;font-size:.93rem}
        .books .acts{display:flex;gap:1rem;margin-top:.3rem;font-size:.93rem}
        .books .acts a{display:inline-block;padding:.6rem 0;min-height:2.75rem;min-width:2.75rem;font-weight:600}\
        a.big{display:inline-block;padding:.6rem 0;min-height:2.75rem;font-weight:600}
        details{background:#fff;border-radius:.75rem;margin:0 0 .6rem;box-shadow:0 1px 2px rgba(0,0,0,.12)}
        summary{cursor:pointer;font-weight:600;padding:.85rem 1rem;min-height:2.75rem}
        details>div{padding:0 1rem .9rem}
        details ol{margin:0;padding-left:1.3rem}
        [dir=rtl] details ol{padding-left:0;padding-right:1.3rem}
        [dir=rtl] .portal,[dir=rtl] .done{border-left:0;border-right-width:6px;border-right-style:solid}
        [dir=rtl] .portal{border-right-color:#b27800}[dir=rtl] .done{border-right-color:#1d6b3a}
        details li{margin:.3rem 0}
        footer{color:#54595d;font-size:.9rem;padding:1rem 1rem 2rem;text-align:center}
        footer p{margin:.2rem 0}
        @media (min-width:40rem){h1{font-size:1.8rem}.top{padding-bottom:3rem}}
        @media (prefers-color-scheme:dark){
        html{color-scheme:dark}body{color:#eaecf0;background:#121519}a,.feat b{color:#9cbcff}
        .top{background:#16294a}.langs span{color:#16294a}
        .card,.books li,.feat a,details,#sug,.skip{background:#1e232a;box-shadow:none}
        .intro,.books p,.feat span span,#sug small,footer{color:#b5bcc6}
        .feat .star,#sug [aria-selected=true] a,#sug a:hover{background:#2a3340}
        input[type=search]{background:#121519;color:#eaecf0;border-color:#a2a9b1}#sug a{color:#eaecf0}
        button{background:#3e64b0}.portal button{background:#1d6b3a}
        .portal{background:#3a2f12;color:#f5e3b3}.done{background:#12311f;color:#cdebd6}
        }
        """
}
