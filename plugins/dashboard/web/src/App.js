// Session handling: the login page until there is a token, then the board.
// The token is kept in localStorage so a reload stays signed in; a 401 from
// the API or the real-time link ends the session.
import { html } from "htm/preact";
import { useCallback, useState } from "preact/hooks";
import { createApi } from "./api.js";
import { Board } from "./Board.js";
import { Login } from "./Login.js";

const KEY = "motel.session";

function savedSession() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

export function App() {
  const [session, setSession] = useState(savedSession);
  const [notice, setNotice] = useState("");

  const signIn = useCallback((next) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    setNotice("");
    setSession(next);
  }, []);
  const signOut = useCallback((message = "") => {
    localStorage.removeItem(KEY);
    setNotice(message);
    setSession(null);
  }, []);

  if (!session) return html`<${Login} api=${createApi(null)} onSignedIn=${signIn} notice=${notice} />`;
  return html`<${Board} key=${session.token} session=${session} onSignOut=${signOut} />`;
}
