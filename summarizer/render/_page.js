"use strict";
(() => {
  const motion = () => (matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");
  const article = document.querySelector(".article-text");
  const ranges = "highlights" in CSS;

  const clear = () => {
    for (const el of document.querySelectorAll(".active, .current, .selected")) {
      el.classList.remove("active", "current", "selected");
    }
    if (ranges) CSS.highlights.delete("passage");
  };

  const select = (entry) => {
    if (entry) entry.classList.add("selected");
    return entry;
  };

  // Every piece of the item's spans is marked "active", the span that was asked for "current", and the brief's
  // entry for the item "selected", so both columns show what belongs together.
  const show = (mark) => {
    clear();
    const { item, span } = mark.dataset;
    for (const el of document.querySelectorAll("mark[data-item]")) {
      if (el.dataset.item === item) el.classList.add("active");
      if (el.dataset.span === span) el.classList.add("current");
    }
    return select(document.getElementById("item-" + item));
  };

  // The text node and offset in it at a character offset of the article, counted as JavaScript counts.
  const locate = (offset) => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (offset <= seen + node.length) return [node, offset - seen];
      seen += node.length;
    }
    return [article, article.childNodes.length];
  };

  const showPassage = (button) => {
    clear();
    const found = button.dataset.range.split(",").map((pair) => {
      const [start, end] = pair.split("-").map(Number);
      const range = new Range();
      range.setStart(...locate(start));
      range.setEnd(...locate(end));
      return range;
    });
    if (ranges) CSS.highlights.set("passage", new Highlight(...found));
    select(button.closest(".item"));
    const box = found[0].getBoundingClientRect();
    window.scrollBy({ top: box.top - innerHeight / 3, behavior: motion() });
  };

  document.addEventListener("click", (event) => {
    const origin = event.target instanceof Element ? event.target : null;
    if (!origin) return;
    const link = origin.closest("a[data-target]");
    if (link) {
      const mark = document.getElementById(link.dataset.target);
      if (!mark) return;
      // Handled here rather than by the browser so the page scrolls the span to the middle and marks it.
      event.preventDefault();
      show(mark);
      mark.scrollIntoView({ block: "center", behavior: motion() });
      history.replaceState(null, "", "#" + mark.id);
      return;
    }
    const button = origin.closest("button[data-range]");
    if (button) {
      showPassage(button);
      return;
    }
    const mark = origin.closest("mark[data-item]");
    if (mark) {
      const entry = show(mark);
      if (entry) entry.scrollIntoView({ block: "nearest", behavior: motion() });
    }
  });

  // A link to page.html#q3 opens with that span shown as if it had been clicked.
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && target.matches("mark[data-item]")) show(target);
})();
