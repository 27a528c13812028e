/// Progressive enhancement for the search box: title suggestions from `/suggest` as the visitor
/// types (ARIA combobox, keyboard arrows, Escape). Inline, so the page stays one HTML + one CSS
/// request; without JavaScript the plain form works. It also reports the phone's clock once
/// (`POST /usage/clock`), which dates the statistics while the board's own clock is unset.
enum LandingScript {
    /// Suggestions shown at most (the page renders the count texts up to this many).
    static let maximumSuggestions = 8

    static let source = """
        (function(){try{if(navigator.sendBeacon)navigator.sendBeacon('/usage/clock?t='+Date.now());}catch(e){}})();
        (function(){
        var f=document.getElementById('search'),q=document.getElementById('q'),l=document.getElementById('sug'),
        st=document.getElementById('sug-status');
        if(!f||!q||!l||!window.fetch||!window.JSON||!Array.prototype.forEach)return;
        var t,n=0,items=[],sel=-1,lang=f.getAttribute('data-lang')||'';
        q.setAttribute('role','combobox');q.setAttribute('aria-autocomplete','list');
        q.setAttribute('aria-controls','sug');q.setAttribute('aria-expanded','false');
        function close(){l.hidden=true;l.textContent='';items=[];sel=-1;q.setAttribute('aria-expanded','false');q.removeAttribute('aria-activedescendant');}
        function enc(p){return String(p).replace(/^\\//,'').split('/').map(encodeURIComponent).join('/');}
        function norm(d){var a=Array.isArray(d)?d:(d&&(d.suggestions||d.results||d.items))||[],o=[];
        a.forEach(function(s){if(!s||s.kind==='pattern')return;var text=s.title||s.value||s.label,b=s.book||s.content||s.bookName,
        h=s.url||s.href||(b&&s.path?'/content/'+encodeURIComponent(b)+'/'+enc(s.path):null);
        if(text&&h&&o.length<8)o.push({text:String(text).replace(/<[^>]*>/g,''),href:h,book:s.bookTitle||''});});return o;}
        function mark(){for(var i=0;i<l.children.length;i++)l.children[i].setAttribute('aria-selected',i===sel?'true':'false');
        if(sel>=0)q.setAttribute('aria-activedescendant','sug-'+sel);}
        function render(list){close();items=list;list.forEach(function(s,i){var li=document.createElement('li'),a=document.createElement('a');
        li.id='sug-'+i;li.setAttribute('role','option');li.setAttribute('aria-selected','false');a.href=s.href;a.tabIndex=-1;a.textContent=s.text;
        if(s.book){var b=document.createElement('small');b.textContent=s.book;a.appendChild(b);}li.appendChild(a);l.appendChild(li);});
        if(list.length){l.hidden=false;q.setAttribute('aria-expanded','true');}
        if(st)st.textContent=list.length?((st.getAttribute('data-texts')||'').split('|')[list.length-1]||String(list.length)):'';}
        q.addEventListener('input',function(){clearTimeout(t);var v=q.value.replace(/^\\s+|\\s+$/g,'');if(v.length<2){close();return;}
        t=setTimeout(function(){var id=++n;fetch('/suggest?term='+encodeURIComponent(v)+'&count=8'+(lang?'&lang='+lang:''),{headers:{Accept:'application/json'}})
        .then(function(r){return r.ok?r.json():[];}).then(function(d){if(id===n&&q.value)render(norm(d));})['catch'](function(){close();});},150);});
        q.addEventListener('keydown',function(e){if(!items.length)return;var k=e.key;
        if(k==='ArrowDown'||k==='ArrowUp'){e.preventDefault();sel=(sel+(k==='ArrowDown'?1:items.length-1))%items.length;mark();}
        else if(k==='Enter'&&sel>=0){e.preventDefault();location.href=items[sel].href;}else if(k==='Escape'){close();}});
        document.addEventListener('click',function(e){if(!f.contains(e.target))close();});
        if(q.value.length>1){try{q.dispatchEvent(new Event('input'));}catch(e){}}
        })();
        """
}
