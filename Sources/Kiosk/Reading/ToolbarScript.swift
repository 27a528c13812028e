/// Title suggestions for a search box (`#wkq`, the toolbar's and the results page's) when
/// JavaScript runs: `/suggest` for the box's `data-book` (every book when empty) fills its
/// `<datalist>` (`#wkl`); choosing one opens that article. ES5 and
/// XMLHttpRequest, so it runs on Android 4.4's WebView; without it the form still searches.
enum ToolbarScript {
    static let source = """
        (function(){var q=document.getElementById('wkq'),l=document.getElementById('wkl');
        if(!q||!l||!window.XMLHttpRequest||!window.JSON)return;var b=q.getAttribute('data-book')||'',t,x,paths={};
        function enc(p){return String(p).split('/').map(encodeURIComponent).join('/');}
        function go(){var p=paths[q.value];if(p)location.href=p;}
        q.addEventListener('input',function(e){if(!e.inputType||e.inputType==='insertReplacementText')go();
        clearTimeout(t);var v=q.value;if(v.length<2)return;t=setTimeout(function(){if(x)x.abort();x=new XMLHttpRequest();
        x.open('GET','/suggest?'+(b?'content='+encodeURIComponent(b)+'&':'')+'count=8&term='+encodeURIComponent(v));
        x.onload=function(){var r;try{r=JSON.parse(x.responseText)}catch(_){return}l.innerHTML='';paths={};
        for(var i=0;i<r.length;i++){if(r[i].kind!=='path'||paths[r[i].value])continue;var o=document.createElement('option');
        o.value=r[i].value;if(r[i].bookTitle)o.label=r[i].bookTitle;
        paths[r[i].value]=r[i].url||('/content/'+encodeURIComponent(b)+'/'+enc(r[i].path));l.appendChild(o)}};x.send()},150)})})();
        """
}
