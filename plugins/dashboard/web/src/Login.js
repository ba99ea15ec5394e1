import { html } from "htm/preact";
import { useState } from "preact/hooks";

export function Login({ api, onSignedIn, notice }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(notice);
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      const answer = await api.login(email.trim(), password);
      onSignedIn({ token: answer.accessToken, user: answer.user });
    } catch (failure) {
      setError(failure.status === 401 ? "Wrong email or password." : failure.message);
      setBusy(false);
    }
  }

  return html`
    <main class="login">
      <form class="login-card" onSubmit=${submit} aria-labelledby="login-title">
        <h1 id="login-title">Motel board</h1>
        <p class="muted">Sign in with your staff account.</p>
        <label for="login-email">Email</label>
        <input id="login-email" type="email" autocomplete="username" required value=${email}
               onInput=${(e) => setEmail(e.currentTarget.value)} />
        <label for="login-password">Password</label>
        <input id="login-password" type="password" autocomplete="current-password" required value=${password}
               onInput=${(e) => setPassword(e.currentTarget.value)} />
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <button type="submit" class="primary" disabled=${busy}>${busy ? "Signing in…" : "Sign in"}</button>
      </form>
    </main>`;
}
