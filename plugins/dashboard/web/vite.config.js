// Vite bundles the board into index.html + content-hashed files under
// assets/ (served immutable by sdk::StaticFiles). CMake passes --outDir.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    assetsDir: "assets",
    sourcemap: false,
    target: "es2020",
    // One small script: no inline module-preload polyfill the page's CSP would block.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` against a host on :3001 (REST and Socket.IO proxied).
    proxy: {
      "/api": "http://127.0.0.1:3001",
      "/socket.io": { target: "ws://127.0.0.1:3001", ws: true },
    },
  },
});
