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

// Size the letter preview to its content so the whole notice shows without inner scrolling.
function fitFrame(frame) {
  try {
    frame.style.height = frame.contentDocument.documentElement.scrollHeight + 8 + "px";
  } catch {
    // Leave the stylesheet's height.
  }
}
document.addEventListener("load", (event) => {
  if (event.target.matches && event.target.matches("iframe.letter-frame")) fitFrame(event.target);
}, true);
