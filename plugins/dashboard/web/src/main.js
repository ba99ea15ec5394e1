import { html, render } from "htm/preact";
import "charts.css";
import { App } from "./App.js";
import "./styles.css";

render(html`<${App} />`, document.getElementById("app"));
