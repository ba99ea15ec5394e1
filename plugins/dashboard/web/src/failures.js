// How a failed action reads on the board: a refusal in the server's own
// words (the API envelope's message), a request that got no answer in words
// that say what that means for the change (see api.js).

export function failureText(what, failure) {
  if (failure.status === 0) return `${what}: ${failure.message}`;
  const stale = failure.status === 412 ? " It changed meanwhile: the board now shows it as it is; check and try again." : "";
  return `${what} was refused: ${failure.message.replace(/\.$/, "")}.${stale}`;
}
