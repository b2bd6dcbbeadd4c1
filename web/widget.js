/*!
 * Companion chat widget: talks to the Rasa socket.io channel.
 *
 * Embed with one tag (the widget loads its stylesheet and the vendored socket.io
 * client from the same place as this file):
 *
 *   <script src="http://127.0.0.1:8080/widget.js" data-rasa-url="http://127.0.0.1:5005"
 *           data-role="caregiver" data-region="US"></script>
 *
 * Options (data-*): rasa-url, role ("caregiver" | "patient"), region (US, CA, UK, AU, EU),
 * mode ("floating" = launcher button, default; "inline" = render into data-target),
 * target (element id for inline mode), socket-path (default /socket.io), title.
 *
 * Everything the bot or a person wrote is inserted with textContent, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript || (function () {
    var all = document.querySelectorAll('script[src*="widget.js"]');
    return all[all.length - 1];
  })();
  if (!script) return;

  var EMERGENCY = { US: "911", CA: "911", UK: "999", AU: "000", EU: "112" };
  var base = script.src.replace(/\/widget\.js(?:[?#].*)?$/, "");
  var data = function (name, fallback) {
    var v = script.getAttribute("data-" + name);
    return v === null || v === "" ? fallback : v;
  };
  var cfg = {
    rasaUrl: data("rasa-url", "http://127.0.0.1:5005").replace(/\/+$/, ""),
    role: data("role", "caregiver") === "patient" ? "patient" : "caregiver",
    region: String(data("region", "US")).toUpperCase(),
    mode: data("mode", "floating") === "inline" ? "inline" : "floating",
    target: data("target", ""),
    socketPath: data("socket-path", "/socket.io"),
    title: data("title", "Companion")
  };
  if (!EMERGENCY[cfg.region]) cfg.region = "US";
  var emergencyNumber = EMERGENCY[cfg.region];
  var SESSION_KEY = "companion.session:" + cfg.rasaUrl;
  var HISTORY_PREFIX = "companion.history:";
  var MAX_HISTORY = 200;
  var uid = "cw" + Math.random().toString(36).slice(2, 8);

  // --- storage (tolerates disabled storage) ------------------------------------------
  function store(kind) {
    try { var s = window[kind]; s.setItem("companion.test", "1"); s.removeItem("companion.test"); return s; }
    catch (e) { return null; }
  }
  var local = store("localStorage");
  var sess = store("sessionStorage");

  function loadHistory(id) {
    if (!sess || !id) return [];
    try { return JSON.parse(sess.getItem(HISTORY_PREFIX + id) || "[]") || []; } catch (e) { return []; }
  }
  function saveHistory(id, items) {
    if (!sess || !id) return;
    try { sess.setItem(HISTORY_PREFIX + id, JSON.stringify(items.slice(-MAX_HISTORY))); } catch (e) { /* full */ }
  }

  function loadPending() {
    if (!sess) return [];
    try {
      var items = JSON.parse(sess.getItem(PENDING_KEY) || "[]");
      return Array.isArray(items) ? items.filter(function (t) { return typeof t === "string" && t; }) : [];
    } catch (e) { return []; }
  }
  function savePending() {
    if (!sess) return;
    try {
      if (pending.length) sess.setItem(PENDING_KEY, JSON.stringify(pending));
      else sess.removeItem(PENDING_KEY);
    } catch (e) { /* full: they still go from memory */ }
  }

  // --- DOM ------------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function ensureStylesheet() {
    if (document.querySelector('link[data-companion-widget]')) return;
    var link = el("link", { rel: "stylesheet", href: base + "/widget.css", "data-companion-widget": "" });
    document.head.appendChild(link);
  }

  var ui = {};

  function build() {
    var root = el("section", {
      "class": "cw cw-" + cfg.mode, "aria-labelledby": uid + "-title", id: uid, "data-role": cfg.role
    });
    var head = el("header", { "class": "cw-head" });
    var titles = el("div");
    titles.appendChild(el("h2", { id: uid + "-title", "class": "cw-title" }, cfg.title));
    titles.appendChild(el("p", { "class": "cw-sub" }, cfg.role === "caregiver"
      ? "Support for people caring for someone with advanced breast cancer"
      : "Support for living with advanced breast cancer"));
    head.appendChild(titles);
    if (cfg.mode === "floating") {
      ui.close = el("button", { type: "button", "class": "cw-close", "aria-label": "Close chat" }, "×");
      head.appendChild(ui.close);
    }
    root.appendChild(head);

    ui.emergency = el("p", { "class": "cw-emergency", role: "note" });
    ui.emergency.appendChild(el("strong", {}, "Not for emergencies — call " + emergencyNumber + "."));
    ui.emergency.appendChild(document.createTextNode(" " + cfg.title + " is an assistant, not a doctor."));
    root.appendChild(ui.emergency);

    ui.log = el("div", {
      "class": "cw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Conversation with " + cfg.title, tabindex: "0"
    });
    root.appendChild(ui.log);

    ui.typing = el("div", { "class": "cw-typing", hidden: "" });
    var dots = el("span", { "class": "cw-dots", "aria-hidden": "true" });
    dots.appendChild(el("span")); dots.appendChild(el("span")); dots.appendChild(el("span"));
    ui.typing.appendChild(dots);
    ui.typing.appendChild(el("span", { "class": "cw-visually-hidden" }, cfg.title + " is typing"));
    root.appendChild(ui.typing);

    ui.form = el("form", { "class": "cw-form", autocomplete: "off" });
    ui.form.appendChild(el("label", { "for": uid + "-input", "class": "cw-visually-hidden" }, "Your message"));
    ui.input = el("input", {
      id: uid + "-input", "class": "cw-input", type: "text", maxlength: "2000",
      placeholder: "Type your message…", "aria-describedby": uid + "-status", enterkeyhint: "send"
    });
    ui.form.appendChild(ui.input);
    ui.send = el("button", { type: "submit", "class": "cw-send" }, "Send");
    ui.form.appendChild(ui.send);
    root.appendChild(ui.form);

    var foot = el("div", { "class": "cw-foot" });
    ui.status = el("p", { id: uid + "-status", "class": "cw-status", role: "status" }, "Connecting…");
    foot.appendChild(ui.status);
    ui.reset = el("button", { type: "button", "class": "cw-reset" }, "Start a new conversation");
    foot.appendChild(ui.reset);
    root.appendChild(foot);
    ui.root = root;

    if (cfg.mode === "inline") {
      var target = cfg.target && document.getElementById(cfg.target);
      if (target) target.appendChild(root);
      else script.parentNode.insertBefore(root, script);
    } else {
      ui.launcher = el("button", {
        type: "button", "class": "cw-launcher", "aria-expanded": "false", "aria-controls": uid
      }, "Chat with " + cfg.title);
      root.hidden = true;
      document.body.appendChild(ui.launcher);
      document.body.appendChild(root);
      ui.launcher.addEventListener("click", function () { setOpen(root.hidden); });
      ui.close.addEventListener("click", function () { setOpen(false); });
      root.addEventListener("keydown", function (ev) { if (ev.key === "Escape") setOpen(false); });
    }
  }

  function setOpen(open) {
    ui.root.hidden = !open;
    ui.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    ui.launcher.hidden = open;
    if (open) { ui.input.focus(); scrollDown(); } else { ui.launcher.focus(); }
  }

  function scrollDown() { ui.log.scrollTop = ui.log.scrollHeight; }

  var LABELS = { user: "You", bot: cfg.title, staff: "Support team" };

  function renderItem(item) {
    var who = LABELS[item.who] ? item.who : "bot";
    var wrap = el("div", { "class": "cw-msg cw-" + who });
    wrap.appendChild(el("span", { "class": who === "staff" ? "cw-who" : "cw-who cw-visually-hidden" }, LABELS[who] + ":"));
    if (item.image) {
      var img = el("img", { "class": "cw-image", src: item.image, alt: item.alt || "Image from " + cfg.title });
      img.addEventListener("load", scrollDown);
      wrap.appendChild(img);
    }
    if (item.text) wrap.appendChild(el("p", { "class": "cw-text" }, item.text));
    ui.log.appendChild(wrap);
    scrollDown();
    return wrap;
  }

  // --- conversation state -------------------------------------------------------------
  var socket = null;
  var sessionId = local ? local.getItem(SESSION_KEY) : null;
  var history = loadHistory(sessionId);
  // Messages not yet confirmed by the server, oldest first. One is in flight at a time and
  // stays at the head until the server acknowledges it (after handling it), so a message
  // typed during a reconnect, or lost with a dropped connection, is sent (again) in order
  // once the socket is back and has rejoined its session room.
  // Kept in sessionStorage too: a reload while the connection is down must not lose them.
  var PENDING_KEY = "companion.pending:" + cfg.rasaUrl;
  var pending = loadPending();
  var inFlight = false;
  var ready = false;  // connected AND session confirmed on this connection
  var ACK_TIMEOUT_MS = 60000;
  var typingTimer = null;

  function remember(item) {
    history.push(item);
    saveHistory(sessionId, history);
  }

  function add(item) {
    renderItem(item);
    remember(item);
  }

  function showTyping() {
    ui.typing.hidden = false;
    scrollDown();
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, 15000);
  }
  function hideTyping() { ui.typing.hidden = true; clearTimeout(typingTimer); }

  function clearQuickReplies() {
    ui.log.querySelectorAll(".cw-quick").forEach(function (g) { g.remove(); });
  }

  function renderQuickReplies(buttons) {
    var group = el("div", { "class": "cw-quick", role: "group", "aria-label": "Suggested replies" });
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string") return;
      var payload = typeof b.payload === "string" && b.payload ? b.payload : b.title;
      var button = el("button", { type: "button", "class": "cw-chip" }, b.title);
      button.addEventListener("click", function () { send(payload, b.title); ui.input.focus(); });
      group.appendChild(button);
    });
    ui.log.appendChild(group);
    scrollDown();
  }

  function safeImage(src) {
    return typeof src === "string" && (/^data:image\/(png|jpeg|gif|webp);base64,/i.test(src) || /^https?:\/\//i.test(src));
  }

  function onBotMessage(msg) {
    if (!msg || typeof msg !== "object") return;
    hideTyping();
    var who = msg.staff ? "staff" : "bot";
    if (typeof msg.text === "string" && msg.text.trim()) add({ who: who, text: msg.text });
    var image = msg.attachment && msg.attachment.type === "image" && msg.attachment.payload
      ? msg.attachment.payload.src : msg.image;
    if (safeImage(image)) add({ who: who, image: image, alt: "Chart from " + cfg.title });
    var buttons = msg.quick_replies || msg.buttons;
    if (Array.isArray(buttons) && buttons.length) { clearQuickReplies(); renderQuickReplies(buttons); }
  }

  function flush() {
    if (!ready || inFlight || !pending.length || !socket) return;
    inFlight = true;
    var sentOn = socket.id;
    var body = {
      message: pending[0],
      session_id: sessionId,
      customData: { channel: "widget", role: cfg.role, region: cfg.region }
    };
    socket.timeout(ACK_TIMEOUT_MS).emit("user_uttered", body, function (err) {
      if (socket.id !== sentOn || !inFlight) return;  // the connection dropped: resent on rejoin
      inFlight = false;
      // Handled (or the server gave no answer in a minute: do not block what follows).
      pending.shift();
      savePending();
      flush();
    });
  }

  function send(text, shown) {
    text = String(text || "").trim();
    if (!text) return;
    clearQuickReplies();
    add({ who: "user", text: shown || text });
    showTyping();
    pending.push(text);
    savePending();
    if (!ready) setStatus("Not connected — your message will be sent as soon as the connection is back.", "warn");
    flush();
  }

  function setStatus(text, kind) {
    ui.status.textContent = text;
    ui.status.className = "cw-status" + (kind ? " cw-" + kind : "");
  }

  function renderHistory() {
    ui.log.replaceChildren();
    history.forEach(renderItem);
  }

  function connect() {
    socket = window.io(cfg.rasaUrl, {
      path: cfg.socketPath,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnectionDelayMax: 10000
    });
    socket.on("connect", function () {
      ready = false;
      inFlight = false;
      setStatus("Connecting…");
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (id) {
      var confirmed = typeof id === "string" ? id : (id && id.session_id);
      if (!confirmed) return;
      if (confirmed !== sessionId) {
        sessionId = confirmed;
        if (local) local.setItem(SESSION_KEY, sessionId);
        var carried = history;  // messages typed before the first confirmation
        history = loadHistory(sessionId).concat(carried);
        saveHistory(sessionId, history);
      }
      setStatus("Connected", "ok");
      ready = true;
      inFlight = false;
      flush();
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", function (reason) {
      ready = false;
      inFlight = false;
      setStatus("Connection lost — reconnecting…", "warn");
      // socket.io does not reconnect by itself after the server ends the session (e.g. a
      // server shutting down); the widget does, so held messages still go out.
      if (reason === "io server disconnect") setTimeout(function () { if (!socket.connected) socket.connect(); }, 1000);
    });
    socket.on("connect_error", function () {
      hideTyping();
      setStatus("Can't reach " + cfg.title + " right now. If this is an emergency, call " + emergencyNumber + ".", "warn");
    });
  }

  function reset() {
    if (sess && sessionId) sess.removeItem(HISTORY_PREFIX + sessionId);
    if (local) local.removeItem(SESSION_KEY);
    sessionId = null;
    history = [];
    pending = [];
    savePending();
    ready = false;
    inFlight = false;
    hideTyping();
    ui.log.replaceChildren();
    greet();
    if (socket) { socket.disconnect(); socket.connect(); }
    ui.input.focus();
  }

  function greet() {
    if (history.length) return;
    renderItem({
      who: "bot",
      text: cfg.role === "caregiver"
        ? "Hello, I'm " + cfg.title + ". I can answer questions about advanced breast cancer that has spread to the bone marrow, tests like the biopsy, treatments, and how to look after yourself while you care for someone. What would you like to know?"
        : "Hello, I'm " + cfg.title + ". I can answer questions about advanced breast cancer, tests and treatments, and check in on how you're feeling. What would you like to know?"
    });
  }

  function loadSocketIo(done) {
    if (window.io) { done(); return; }
    var tag = el("script", { src: base + "/vendor/socket.io.min.js" });
    tag.addEventListener("load", done);
    tag.addEventListener("error", function () { setStatus("Could not load the chat client.", "warn"); });
    document.head.appendChild(tag);
  }

  function start() {
    ensureStylesheet();
    build();
    renderHistory();
    greet();
    ui.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = ui.input.value;
      ui.input.value = "";
      send(text);
    });
    ui.reset.addEventListener("click", reset);
    loadSocketIo(connect);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
