// A modal dialog on the native <dialog> (showModal): the page behind it is
// inert, focus starts on the element marked data-autofocus (the safe choice)
// and returns to where it was when the dialog closes; Escape closes it. A
// failed action is shown inside it too (the page's own alert is behind it).
import { html } from "htm/preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { useBoard } from "./context.js";

export function Modal({ title, onClose, children, wide = false }) {
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
  return html`
    <dialog ref=${ref} class=${wide ? "modal wide" : "modal"} aria-labelledby=${titleId} onCancel=${cancel}>
      <h2 id=${titleId}>${title}</h2>
      ${failure && html`<p class="banner error" role="alert">${failure}
        <button type="button" class="quiet" onClick=${clearFailure}>Dismiss</button></p>`}
      ${children}
    </dialog>`;
}
