import HTTPServer

/// The signs form: the book (last choice, else the main book), the article by its title with
/// suggestions, the place (optional), the id (checked as typed, a free one proposed), the paper
/// and the language by their names, where the code leads.
struct AdminSignsForm {
    let t: AdminText
    let context: KioskContext
    let draft: AdminSignDraft?
    let fields: QueryParameters
    let request: Request

    func render() -> HTML {
        let library = context.library
        let selectedBook = draft?.book ?? AdminSignDraft.book(fields, request: request, context: context)
        func selected(_ yes: Bool) -> HTML { yes ? " selected" : .empty }
        let bookOptions: [HTML] = library.books.map { book in
            let name = library.stableName(of: book)
            return "<option value=\"\(name)\"\(selected(name == selectedBook))>\(book.title)</option>"
        }
        let paper = draft?.paper ?? .a6
        let paperOptions: [HTML] = PaperFormat.allCases.map {
            "<option value=\"\($0.rawValue)\"\(selected($0 == paper))>\(t["admin.signs.paper.\($0.rawValue)"])</option>"
        }
        let targetOptions: [HTML] = SignTarget.allCases.map { target in
            "<option value=\"\(target.rawValue)\"\(selected(target == (draft?.target ?? .kiosk)))>\(t["admin.signs.target.\(target.rawValue)"])</option>"
        }
        let language = draft?.language ?? t.language
        let codes = Array(Set(context.settings.current.languages + ["fr", "en"])).sorted()
        let languageOptions: [HTML] = codes.map { code in
            let name = context.strings.has("language.name", in: code) ? context.strings.text("language.name", code) : code
            return "<option value=\"\(code)\" lang=\"\(code)\"\(selected(code == language))>\(name)</option>"
        }
        func value(_ name: String) -> String { fields[name] ?? "" }
        let idPlaceholder = draft.map { $0.typedID.isEmpty ? $0.id : "" } ?? ""
        return """
            <h2>\(t["admin.signs.new"])</h2>
            <form method="get" action="/admin/signs" class="card" id="signform">
            <div class="row"><div><label for="book">\(t["admin.signs.book"])</label><select id="book" name="book">\(bookOptions)</select></div>
            <div><label for="article">\(t["admin.signs.search"])</label>
            <input id="article" name="article" type="search" autocomplete="off" required value="\(draft?.article ?? value("article"))" aria-describedby="articlehint">
            <ul id="sug" class="sug" hidden></ul></div></div>
            <p class="hint" id="articlehint">\(t["admin.signs.searchhint"])</p>
            <div class="row"><div><label for="label">\(t["admin.signs.label"])</label>
            <input id="label" name="label" type="text" maxlength="120" value="\(value("label"))" aria-describedby="labelhint">
            <p class="hint" id="labelhint">\(t["admin.signs.placehint"])</p></div>
            <div><label for="id">\(t["admin.signs.id"])</label>
            <input id="id" name="id" type="text" maxlength="16" pattern="[A-Za-z0-9]{1,16}" value="\(value("id"))" placeholder="\(idPlaceholder)" aria-describedby="idstatus">
            <p class="hint" id="idstatus" aria-live="polite">\(t["admin.signs.idhint"])</p></div></div>
            <div class="row"><div><label for="paper">\(t["admin.signs.paper"])</label><select id="paper" name="paper">\(paperOptions)</select></div>
            <div><label for="target">\(t["admin.signs.target"])</label><select id="target" name="target">\(targetOptions)</select></div>
            <div><label for="language">\(t["admin.signs.language"])</label><select id="language" name="language">\(languageOptions)</select></div></div>
            <button type="submit" id="preview-button">\(t["admin.signs.preview"])</button>
            </form>\n
            """
    }

    /// Title suggestions from `/suggest` for the chosen book while typing (a pick fills the
    /// article field with the title, nothing else), and the id's status as it is typed.
    static let script = """
        (function(){var i=document.getElementById('article'),l=document.getElementById('sug'),b=document.getElementById('book'),\
        t=null;if(!i||!l)return;function close(){l.hidden=true;l.textContent=''}\
        i.addEventListener('input',function(){clearTimeout(t);var q=i.value.trim();if(q.length<2){close();return}\
        t=setTimeout(function(){fetch('/suggest?count=8&content='+encodeURIComponent(b.value)+'&term='+encodeURIComponent(q))\
        .then(function(r){return r.ok?r.json():[]}).then(function(items){l.textContent='';items.filter(function(x){\
        return x.kind==='path'}).forEach(function(x){var li=document.createElement('li'),btn=document.createElement('button');\
        btn.type='button';btn.textContent=x.value;btn.addEventListener('click',function(){i.value=x.value;close();i.focus()});\
        li.appendChild(btn);l.appendChild(li)});l.hidden=!l.children.length}).catch(close)},200)});\
        var d=document.getElementById('id'),s=document.getElementById('idstatus'),u=null;if(!d||!s)return;\
        d.addEventListener('input',function(){clearTimeout(u);var v=d.value.trim();if(!v)return;\
        u=setTimeout(function(){fetch('/admin/signs/id?id='+encodeURIComponent(v),{credentials:'same-origin'})\
        .then(function(r){return r.json()}).then(function(a){s.innerHTML=a.message;if(a.proposal){var p=document.createElement('button');\
        p.type='button';p.className='link-dark';p.id='useproposal';p.textContent=a.proposal;p.addEventListener('click',function(){\
        d.value=a.proposal;d.dispatchEvent(new Event('input'))});s.appendChild(document.createTextNode(' '));s.appendChild(p)}})\
        .catch(function(){})},250)})})();
        """
}
