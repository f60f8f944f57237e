// Each table whose body is one cell (a table with no rows, saying so): its id (its own, or
// its heading's), the words, how much of the table's width the cell spans, where the first
// heading's words and the cell's words start, each heading's alignment, and the English
// words' language.
() => [...document.querySelectorAll('table')]
  .filter(t => t.tBodies[0].rows.length === 1 && t.tBodies[0].rows[0].cells.length === 1)
  .map(t => {
    const cell = t.tBodies[0].rows[0].cells[0];
    const first = t.tHead.rows[0].cells[0];
    const start = (el) => el.getBoundingClientRect().left
                          + parseFloat(getComputedStyle(el).paddingLeft);
    const english = cell.querySelector('[lang]');
    return {
      id: t.id || t.previousElementSibling.id,
      words: cell.innerText,
      english: english ? [english.lang, english.innerText] : null,
      spans: cell.getBoundingClientRect().width / t.getBoundingClientRect().width,
      starts: [start(first), start(cell)],
      aligns: [...t.tHead.rows[0].cells].map(h => getComputedStyle(h).textAlign),
    };
  })
