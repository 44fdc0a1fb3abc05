// Small enhancements; every page works without them.
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  if (event.target.matches(".langswitch select")) event.target.form.submit();
});

// On a phone the library's filters start folded under "Filters" (unless one is in use), so the
// notices are on the first screen; without JavaScript they stay open.
if (window.matchMedia("(max-width: 640px)").matches) {
  for (const details of document.querySelectorAll("details[data-collapse-on-phone]:not([data-active])")) {
    details.open = false;
  }
}

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

// Wizard autosave: the status line in each step form posts the form (action=autosave) on change
// and after a pause in typing (htmx, see _autosave.html). Here: skip a post when nothing changed
// since the last one, and send what is unsaved when the page is left before the pause ends.
const sentSteps = new WeakMap();

function stepSnapshot(form) {
  const data = new FormData(form);
  data.delete("version");
  return new URLSearchParams(data).toString();
}

function rememberStep(form) {
  if (form && form.matches("form.step-form")) sentSteps.set(form, stepSnapshot(form));
}

document.addEventListener("htmx:load", (event) => {
  const root = event.detail.elt;
  if (root.matches && root.matches("form.step-form")) rememberStep(root);
  if (root.querySelectorAll) root.querySelectorAll("form.step-form").forEach(rememberStep);
});

function stepOf(event) {
  const elt = event.detail.elt;
  return elt && elt.closest ? elt.closest("form.step-form") : null;
}

document.addEventListener("htmx:confirm", (event) => {
  const form = stepOf(event);
  if (form && event.detail.elt.id === "autosave" && sentSteps.get(form) === stepSnapshot(form)) {
    event.preventDefault();
  }
});

document.addEventListener("htmx:beforeRequest", (event) => {
  const form = stepOf(event);
  if (form) sentSteps.set(form, stepSnapshot(form));
});

function forgetStep(event) {
  const form = stepOf(event);
  if (form) sentSteps.delete(form);
}
document.addEventListener("htmx:sendError", forgetStep);
document.addEventListener("htmx:responseError", forgetStep);

window.addEventListener("pagehide", () => {
  document.querySelectorAll("form.step-form").forEach((form) => {
    const status = form.querySelector("#autosave[hx-post]");
    if (!status || sentSteps.get(form) === stepSnapshot(form)) return;
    const data = new FormData(form);
    data.set("action", "autosave");
    navigator.sendBeacon(status.getAttribute("hx-post"), data);
  });
});

/* ---- Form errors: focus the error summary, and let its links focus the field they name. ---- */
function focusFormErrors() {
  const summary = document.querySelector("[data-error-summary]");
  const target = summary || document.querySelector('[aria-invalid="true"]');
  if (target) target.focus();
}
focusFormErrors();
document.addEventListener("htmx:afterSwap", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
  if (trigger && trigger.type === "submit") focusFormErrors();
});
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  const field = link && document.getElementById(link.getAttribute("href").slice(1));
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: "center" });
});
/* ---- end of form errors ---- */
