// ui/licenses.html: "Back to Tend" goes back through the history when the page was opened
// from About, so the licences leave no entry behind for the back gesture to land on.
for (const link of document.querySelectorAll('a[href="index.html"]')) {
  link.addEventListener('click', (event) => {
    if (history.length > 1) {
      event.preventDefault();
      history.back();
    }
  });
}
