// Small enhancements; every page works without them.
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  if (event.target.matches(".langswitch select")) event.target.form.submit();
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(source.value);
  } catch {
    source.select();
    document.execCommand("copy");
  }
  button.textContent = button.dataset.copied;
});
