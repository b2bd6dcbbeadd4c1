/* Staff console behaviour: live queue (server-sent events) and live transcript.
   Everything a person wrote is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var SEVERITY_ORDER = { critical: 3, high: 2, medium: 1, low: 0 };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function age(iso) {
    var seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (seconds < 60) return "just now";
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + " min";
    var hours = Math.floor(minutes / 60);
    if (hours < 6) return hours + " h " + (minutes % 60) + " min";
    if (hours < 48) return hours + " h";
    return Math.floor(hours / 24) + " days";
  }

  function truncate(text, n) {
    text = text || "";
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  // --- queue ------------------------------------------------------------------------
  var REALERT = {};  // minutes by severity, from the table's data attributes

  // Open (unacknowledged) past its severity's re-alert time; same rule as the server's.
  function isOverdue(status, severity, createdIso) {
    var minutes = REALERT[severity];
    if (status !== "open" || !minutes) return false;
    return (Date.now() - Date.parse(createdIso)) / 60000 > minutes;
  }

  function markOverdue(tr, overdue) {
    tr.classList.toggle("overdue", overdue);
    var cell = tr.querySelector("time[datetime]");
    var flag = tr.querySelector(".overdue-flag");
    if (overdue && !flag && cell) {
      cell.parentNode.appendChild(document.createTextNode(" "));
      cell.parentNode.appendChild(el("strong", { "class": "overdue-flag" }, "overdue"));
    } else if (!overdue && flag) {
      flag.remove();
    }
  }

  // Every reason, crisis first as the server orders them (older payloads: just "reason").
  function reasonsText(e) {
    var reasons = Array.isArray(e.reasons) && e.reasons.length ? e.reasons : [e.reason || ""];
    return reasons.map(function (r) { return String(r).replace(/_/g, " "); }).join(", ");
  }

  function rowFor(e) {
    var tr = el("tr", { "data-id": String(e.id), "class": "sev-" + e.severity + " st-" + e.status });
    var idCell = el("td");
    idCell.appendChild(el("a", { href: "/escalations/" + encodeURIComponent(e.id) }, "#" + e.id));
    tr.appendChild(idCell);
    var sev = el("td");
    sev.appendChild(el("span", { "class": "badge sev-" + e.severity }, e.severity));
    tr.appendChild(sev);
    tr.appendChild(el("td", { "class": "reasons" }, reasonsText(e)));
    var st = el("td");
    st.appendChild(el("span", { "class": "status st-" + e.status }, e.status));
    tr.appendChild(st);
    tr.appendChild(el("td", {}, e.channel));
    var ageCell = el("td");
    ageCell.appendChild(el("time", { datetime: e.created_at }, age(e.created_at)));
    tr.appendChild(ageCell);
    tr.appendChild(el("td", {}, e.occurrences + "×"));
    tr.appendChild(el("td", {}, e.assignee ? e.assignee.username : "—"));
    tr.appendChild(el("td", { "class": "excerpt" }, truncate(e.excerpt, 140)));
    tr.setAttribute("data-status", e.status);
    tr.setAttribute("data-severity", e.severity);
    markOverdue(tr, isOverdue(e.status, e.severity, e.created_at));
    return tr;
  }

  function startQueue(table) {
    var tbody = document.getElementById("queue-rows");
    var state = document.getElementById("live-state");
    var empty = document.getElementById("queue-empty");
    var filter = table.getAttribute("data-status-filter");
    var since = table.getAttribute("data-since");
    REALERT = { critical: Number(table.getAttribute("data-realert-critical")) || 0,
                high: Number(table.getAttribute("data-realert-high")) || 0 };
    if (!window.EventSource) { state.textContent = "Live updates need a newer browser: reload to refresh."; return; }
    var source = new EventSource("/api/events?since=" + encodeURIComponent(since));
    source.onopen = function () { state.textContent = "Live updates: on"; state.className = "live-state on"; };
    source.onerror = function () { state.textContent = "Live updates: reconnecting…"; state.className = "live-state off"; };
    source.addEventListener("session_ended", function () {
      source.close();
      state.textContent = "Your session ended. Sign in again to keep receiving updates.";
    });
    source.addEventListener("escalation", function (ev) {
      var e;
      try { e = JSON.parse(ev.data); } catch (err) { return; }
      var existing = tbody.querySelector('tr[data-id="' + Number(e.id) + '"]');
      var matches = !filter || e.status === filter;
      if (!matches) { if (existing) existing.remove(); return; }
      var row = rowFor(e);
      if (existing) {
        tbody.replaceChild(row, existing);
      } else {
        // newest first: insert before the first row with a smaller id
        var rows = tbody.querySelectorAll("tr[data-id]"), placed = false;
        for (var i = 0; i < rows.length; i++) {
          if (Number(rows[i].getAttribute("data-id")) < e.id) { tbody.insertBefore(row, rows[i]); placed = true; break; }
        }
        if (!placed) tbody.appendChild(row);
        row.classList.add("is-new");
        state.textContent = "New " + e.severity + " escalation #" + e.id + " (" + reasonsText(e) + ")";
      }
      if (empty) empty.hidden = true;
    });
    setInterval(function () {
      tbody.querySelectorAll("time[datetime]").forEach(function (t) { t.textContent = age(t.getAttribute("datetime")); });
      tbody.querySelectorAll("tr[data-id]").forEach(function (tr) {
        var t = tr.querySelector("time[datetime]");
        if (t && tr.getAttribute("data-status")) {
          markOverdue(tr, isOverdue(tr.getAttribute("data-status"), tr.getAttribute("data-severity"), t.getAttribute("datetime")));
        }
      });
    }, 30000);
  }

  // --- transcript -------------------------------------------------------------------
  var WHO = { user: "Person", bot: "Companion", staff: "Staff" };

  function renderTranscript(list, data) {
    var frag = document.createDocumentFragment();
    (data.messages || []).forEach(function (m) {
      var sender = WHO[m.sender] ? m.sender : "bot";
      var li = el("li", { "class": "msg from-" + sender });
      li.appendChild(el("span", { "class": "who" }, WHO[sender]));
      if (m.timestamp) li.appendChild(el("time", { datetime: m.timestamp }, m.timestamp.slice(11, 16)));
      li.appendChild(el("p", { "class": "text" }, (m.text || "") + (m.has_image ? " [image]" : "")));
      if (m.buttons && m.buttons.length) li.appendChild(el("p", { "class": "buttons" }, "Buttons: " + m.buttons.join(" · ")));
      frag.appendChild(li);
    });
    list.replaceChildren(frag);
    list.setAttribute("data-count", String((data.messages || []).length));
    list.scrollTop = list.scrollHeight;
  }

  function startTranscript(list) {
    var url = list.getAttribute("data-url");
    var state = document.getElementById("transcript-state");
    var busy = false;
    list.scrollTop = list.scrollHeight;
    function poll() {
      if (busy || document.hidden) return;
      busy = true;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) {
          if (r.status === 401) { state.textContent = "Your session ended: sign in again."; return null; }
          return r.json().then(function (body) { return { ok: r.ok, body: body }; });
        })
        .then(function (res) {
          if (!res) return;
          if (!res.ok) { state.textContent = "Transcript unavailable: " + (res.body.error || "error"); return; }
          state.textContent = "";
          var before = Number(list.getAttribute("data-count") || "0");
          if ((res.body.messages || []).length !== before || list.children.length !== before) {
            renderTranscript(list, res.body);
          }
        })
        .catch(function () { state.textContent = "Transcript: reconnecting…"; })
        .then(function () { busy = false; });
    }
    setInterval(poll, 2000);
  }

  // --- wide tables ----------------------------------------------------------------------
  // A table wider than the screen scrolls sideways in its wrapper; keyboard users can only
  // scroll it if the wrapper takes focus, so it becomes a labelled, focusable region then.
  function labelFor(wrap) {
    var caption = wrap.querySelector("caption");
    var section = wrap.closest("section");
    var heading = section && section.querySelector("h2");
    var text = (caption && caption.textContent) || (heading && heading.textContent) || document.title;
    return String(text).trim() + " (scrolls sideways)";
  }

  function markScrollableTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", labelFor(wrap));
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    markScrollableTables();
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(markScrollableTables, 150);
    });
    var table = document.getElementById("queue");
    if (table) startQueue(table);
    var list = document.getElementById("transcript");
    if (list) startTranscript(list);
  });
})();
