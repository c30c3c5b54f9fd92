// Keeps an import's progress bar up to date, and shows the result when the check or import ends.
// Without JavaScript the page says to refresh it.
const block = document.querySelector('[data-progress-url]');
if (block) {
  const text = block.querySelector('[data-progress-text]');
  const bar = block.querySelector('[data-progress-bar]');
  const follow = async () => {
    try {
      const response = await fetch(block.dataset.progressUrl, { headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const progress = await response.json();
      if (!progress.running) {
        window.location.reload();
        return;
      }
      const done = progress.task === 'import' ? 'imported' : 'checked';
      text.textContent = `${progress.rowsRead.toLocaleString('en-GB')} rows ${done} so far${progress.rowsTotal ? ` of ${progress.rowsTotal.toLocaleString('en-GB')}` : ''}.`;
      if (progress.rowsTotal) {
        bar.max = progress.rowsTotal;
        bar.value = progress.rowsRead;
      }
    } finally {
      setTimeout(follow, 1000);
    }
  };
  setTimeout(follow, 500);
}
