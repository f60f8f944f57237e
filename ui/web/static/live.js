// The hall server's only script: live calls over server-sent events, a chime and vibration
// while a call is unanswered, waiting times that tick, and print buttons. Every page works
// without it (forms post and redirect; the calls page refreshes itself). With it, the calls
// page's forms are sent in the background: the page (and the sound it was allowed to make)
// stays, and the server's answer is shown where its redirect would have shown it.
(function () {
  "use strict";

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  each(".print-button", function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var board = document.getElementById("board");
  if (!board) { return; }

  // -- waiting times -------------------------------------------------------------------------
  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    if (seconds < 60) { return seconds + " 秒"; }
    var s = seconds % 60;
    return Math.floor(seconds / 60) + " 分 " + (s < 10 ? "0" : "") + s + " 秒";
  }
  var stale = false;  // the stream is broken: the board may not be the server's any more
  function tick() {
    if (stale) { return; }  // a time that goes on would pretend the board is current
    each("[data-since]", function (el) {
      var before = Number(el.getAttribute("data-before") || 0);
      var since = (Date.now() - Date.parse(el.getAttribute("data-since"))) / 1000;
      el.textContent = duration(since + before);
    });
  }
  setInterval(tick, 1000);

  // -- chime and vibration ---------------------------------------------------------------------
  var audio = null;
  var soundRow = document.getElementById("sound-row");
  var soundButton = document.getElementById("sound-on");
  var alerting = null;
  if (soundRow) { soundRow.hidden = false; }

  function chime() {
    // Two rising tones, generated: no sound file to fetch.
    var on = !soundButton || soundButton.getAttribute("aria-pressed") === "true";
    if (audio && on) {
      var start = audio.currentTime + 0.02;
      [[880, 0, 0.22], [1175, 0.24, 0.3]].forEach(function (tone) {
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.type = "sine";
        osc.frequency.value = tone[0];
        gain.gain.setValueAtTime(0.0001, start + tone[1]);
        gain.gain.exponentialRampToValueAtTime(0.5, start + tone[1] + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + tone[1] + tone[2]);
        osc.connect(gain).connect(audio.destination);
        osc.start(start + tone[1]);
        osc.stop(start + tone[1] + tone[2] + 0.05);
      });
    }
    if (navigator.vibrate && on) { navigator.vibrate([300, 150, 300]); }
    // Counted on the page, where the browser tests read it without evaluating script.
    document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
  }

  function alertWhileUnanswered() {
    var waiting = board.querySelector("[data-unanswered]") !== null;
    document.body.classList.toggle("alerting", waiting);
    if (waiting && alerting === null) {
      chime();
      alerting = setInterval(chime, 5000);
    } else if (!waiting && alerting !== null) {
      clearInterval(alerting);
      alerting = null;
      if (navigator.vibrate) { navigator.vibrate(0); }
    }
  }

  // The choice outlives the page (a reload, another staff page): kept for this tab. A new
  // page may sound only after a tap, so a remembered choice is armed by the next one.
  var SOUND_KEY = "kiosk-sound";
  function remembered() {
    try { return window.sessionStorage.getItem(SOUND_KEY) === "on"; } catch (e) { return false; }
  }
  function remember(on) {
    try {
      if (on) { window.sessionStorage.setItem(SOUND_KEY, "on"); }
      else { window.sessionStorage.removeItem(SOUND_KEY); }
    } catch (e) { /* private mode: the choice lasts this page only */ }
  }
  function audioState() {
    if (soundButton) { soundButton.setAttribute("data-audio", audio ? audio.state : "none"); }
  }
  function arm() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      audio = new Context();
      audio.addEventListener("statechange", audioState);
    }
    if (audio && audio.state === "suspended") { audio.resume(); }
    audioState();
  }
  function pressed(on, armed) {
    soundButton.setAttribute("aria-pressed", on ? "true" : "false");
    soundButton.textContent = !on ? "开启提示音和振动"
      : armed ? "提示音和振动已开启" : "提示音和振动已开启，轻触页面任意处恢复声音";
  }
  function armOnNextTap() {
    arm();
    pressed(remembered(), true);
    document.removeEventListener("pointerdown", armOnNextTap, true);
    document.removeEventListener("keydown", armOnNextTap, true);
  }

  if (soundButton) {
    if (remembered()) {
      pressed(true, false);
      document.addEventListener("pointerdown", armOnNextTap, true);
      document.addEventListener("keydown", armOnNextTap, true);
    }
    soundButton.addEventListener("click", function () {
      var on = soundButton.getAttribute("aria-pressed") !== "true";
      remember(on);
      if (on) { arm(); } else if (audio) { audio.suspend(); }
      pressed(on, true);
    });
  }

  // -- live board ---------------------------------------------------------------------------------
  // The summary is said (and shown) once, by the live region above the board; the board's own
  // copy is for pages without script.
  var status = document.getElementById("live-status");
  var lastSummary = "";
  if (status) {
    var first = board.querySelector("[data-summary]");
    lastSummary = first ? first.getAttribute("data-summary") : "";
    status.textContent = lastSummary;
    status.hidden = false;
    board.classList.add("scripted");
  }

  function show(html) {
    // Keep what the helper is typing in a note while the list is redrawn.
    var typing = document.activeElement;
    var typingId = typing && typing.id && board.contains(typing) ? typing.id : null;
    var typed = typingId ? typing.value : null;
    board.innerHTML = html;
    if (typingId) {
      var again = document.getElementById(typingId);
      if (again) { again.value = typed; again.focus(); }
    }
    var summary = board.querySelector("[data-summary]");
    var text = summary ? summary.getAttribute("data-summary") : "";
    if (status && text !== lastSummary) { status.textContent = text; lastSummary = text; }
    board.setAttribute("data-updated", String(Date.now()));
    tick();
    alertWhileUnanswered();
  }

  // -- the connection ---------------------------------------------------------------------------
  // A broken stream is said at once: the board is then only what the server last said.
  var lost = null;
  function markStale() {
    if (stale) { return; }
    stale = true;
    board.setAttribute("data-stale", "true");
    lost = document.createElement("p");
    lost.className = "alert";
    lost.id = "connection-lost";
    lost.setAttribute("role", "alert");
    lost.textContent = "与服务器的连接已中断，呼叫列表可能不是最新的。正在重新连接…";
    board.parentNode.insertBefore(lost, board);
  }
  function markFresh() {
    if (!stale) { return; }
    stale = false;
    board.removeAttribute("data-stale");
    if (lost) { lost.parentNode.removeChild(lost); lost = null; }
  }

  // -- staying signed in ----------------------------------------------------------------------
  // A page that is looked at counts as use: while it is visible it tells the server so every
  // data-ping-ms (the session's idle time starts again, never past its absolute end). A hidden
  // page (screen off, another tab) says nothing and idles out. The event stream is not use.
  var aliveUrl = board.getAttribute("data-alive");
  var pingMs = parseInt(board.getAttribute("data-ping-ms"), 10) || 60000;
  var csrf = board.getAttribute("data-csrf") || "";
  var pings = 0;
  var source = null;
  var leaving = false;

  // The page leaves once. A refused ping and the stream's end often come together; a second
  // navigation would cancel the first, and the helper would see a page half loaded.
  function leave(url) {
    if (leaving) { return; }
    leaving = true;
    if (source) { source.close(); }
    window.location.href = url;
  }

  function toSignIn(url) {
    leave(url || "/signin?next=%2Fcalls");
  }

  function ping(then) {
    if (leaving) { return; }
    if (!window.fetch || !aliveUrl || document.visibilityState !== "visible") {
      if (then) { then(); }
      return;
    }
    fetch(aliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "csrf=" + encodeURIComponent(csrf)
    }).then(function (response) {
      if (response.status === 401) {
        toSignIn(response.headers.get("x-signin"));
        return;
      }
      pings += 1;
      board.setAttribute("data-pinged", String(pings));  // read by the browser tests
      if (then) { then(); }
    }, function () {
      markStale();  // the server is away; the stream's next board says it is back
      if (then) { then(); }
    });
  }

  setInterval(function () { ping(null); }, pingMs);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { ping(null); }
  });

  // -- the stream -------------------------------------------------------------------------------
  function connect() {
    if (leaving) { return; }
    source = new EventSource(board.getAttribute("data-live"));
    source.addEventListener("board", function (event) {
      markFresh();
      show(event.data);
    });
    source.addEventListener("expired", function (event) {
      source.close();
      if (event.data) {  // the account was disabled or its PIN changed: signed out now
        toSignIn(event.data);
        return;
      }
      // The session the stream began with ran out: a visible page pings (and so renews it)
      // first; either way a new stream is opened, which the server refuses if it is over.
      ping(connect);
    });
    source.addEventListener("error", function () {
      // Closed for good (refused: signed out) rather than retrying: the page reloads, and
      // the server sends it to sign in if the session is over.
      if (source.readyState === EventSource.CLOSED) {
        leave("/calls");
        return;
      }
      markStale();  // the browser retries by itself; a board says it worked
    });
  }

  // -- the board's forms, sent in place ---------------------------------------------------------
  // The page is never reloaded by an action, so the sound switched on stays on. The server
  // answers as it does without script (a redirect to a page); its message is shown here, its
  // board drawn at once, and the stream goes on. A form sent again while on its way is not.
  function sendFormsInPlace(board, page) {
    if (!window.fetch || !window.FormData || !window.URLSearchParams || !window.DOMParser) {
      return;
    }
    function say(text, link) {
      var old = document.getElementById("message");
      if (old) { old.parentNode.removeChild(old); }
      if (!text) { return; }
      var message = document.createElement("p");
      message.className = "alert";
      message.id = "message";
      message.setAttribute("role", "alert");
      message.appendChild(document.createTextNode(text));
      if (link) {
        var a = document.createElement("a");
        a.href = link;
        a.textContent = "重新登录";
        message.appendChild(document.createTextNode(" "));
        message.appendChild(a);
      }
      board.parentNode.insertBefore(message, document.getElementById("sound-row") || board);
    }

    function typedIn(form) {
      var field = form.querySelector("input[name=text]");
      return field && field.id ? { id: field.id, value: field.value } : null;
    }

    function answered(form, typed, response, html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var where = new URL(response.url, window.location.href);
      if (where.pathname === "/signin") {
        // The session ended: nothing was done. What was typed stays; sign in and send again.
        var why = doc.getElementById("signin-message");
        say(why ? why.textContent.trim() : "登录已超时，请重新登录。", where.pathname + where.search);
        return;
      }
      var message = doc.getElementById("message");
      var fresh = doc.getElementById("board");
      if (response.ok && fresh && where.pathname === "/calls") {
        page.markFresh();  // the server answered with the board as it is now
        page.show(fresh.innerHTML);
      }
      // A refusal with no words of its own (403, 500, ...) is still said: nothing was done.
      var text = message ? message.textContent.trim() : (response.ok ? "" : "没有完成，请再试一次。");
      say(text, null);
      if (text && typed) {  // refused (empty, too long, ...): the text stays to be mended
        var field = document.getElementById(typed.id);
        if (field) { field.value = typed.value; }
      }
      if (!document.activeElement || document.activeElement === document.body) {
        var same = board.querySelector('form[action="' + form.getAttribute("action") + '"] button');
        var focus = text ? document.getElementById("message") : same;
        if (focus) {
          if (focus.id === "message") { focus.setAttribute("tabindex", "-1"); }
          focus.focus();
        }
      }
    }

    board.addEventListener("submit", function (event) {
      var form = event.target;
      if (page.leaving() || form.getAttribute("method") !== "post") { return; }
      event.preventDefault();
      if (form.getAttribute("data-sending")) { return; }
      form.setAttribute("data-sending", "true");
      var typed = typedIn(form);
      var response = null;
      fetch(form.getAttribute("action"), {
        method: "POST",
        credentials: "same-origin",
        body: new URLSearchParams(new FormData(form))
      }).then(function (r) {
        response = r;
        return r.text();
      }).then(function (html) {
        form.removeAttribute("data-sending");
        answered(form, typed, response, html);
      }, function () {
        form.removeAttribute("data-sending");
        page.markStale();
        say("没有发送出去：与服务器的连接已中断，请稍后再按一次。", null);
      });
    });
  }

  if (window.EventSource) { connect(); }
  sendFormsInPlace(board, {
    show: show, markStale: markStale, markFresh: markFresh, toSignIn: toSignIn,
    leaving: function () { return leaving; }
  });
  alertWhileUnanswered();
})();
