// A modal dialog on the native <dialog> (showModal): the page behind it is
// inert, focus starts on the element marked data-autofocus (the safe choice)
// and returns to where it was when the dialog closes; Escape closes it. A
// failed action is shown inside it too (the page's own alert is behind it).
import { html } from "htm/preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { useBoard } from "./context.js";

const CONTROLS = "button, input, select, textarea, a, summary, label";

/// `holdFocus`: clicks anywhere but on a control leave the focus where it is
/// (a question: the focus stays on its safe choice).
export function Modal({ title, onClose, children, wide = false, holdFocus = false }) {
  const { failure, clearFailure } = useBoard() || {};
  const ref = useRef(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement;
    dialog.showModal();
    const first = dialog.querySelector("[data-autofocus]");
    if (first) first.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous && previous.isConnected && typeof previous.focus === "function") previous.focus();
    };
  }, []);
  const cancel = (event) => {
    event.preventDefault(); // Escape: we close it ourselves, once
    onClose();
  };
  // A click on the backdrop (say, the second click of a double-click that
  // opened the dialog) neither closes it nor takes the focus off the safe choice.
  const keepFocus = (event) => {
    const onControl = event.target.closest(CONTROLS);
    if (event.target === event.currentTarget || (holdFocus && !onControl)) event.preventDefault();
  };
  return html`
    <dialog ref=${ref} class=${wide ? "modal wide" : "modal"} aria-labelledby=${titleId} onCancel=${cancel}
            onMouseDown=${keepFocus}>
      <h2 id=${titleId}>${title}</h2>
      ${failure && html`<p class="banner error" role="alert">${failure}
        <button type="button" class="quiet" onClick=${clearFailure}>Dismiss</button></p>`}
      ${children}
    </dialog>`;
}
