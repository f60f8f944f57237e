// The hall server's only script: live calls over server-sent events, a chime and vibration
// while a call is unanswered, waiting times that tick, and print buttons. Every page works
// without it (forms post and redirect; the calls page refreshes itself).
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
  function tick() {
    each("[data-since]", function (el) {
      el.textContent = duration((Date.now() - Date.parse(el.getAttribute("data-since"))) / 1000);
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
    if (audio) {
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
    if (navigator.vibrate) { navigator.vibrate([300, 150, 300]); }
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

  if (soundButton) {
    soundButton.addEventListener("click", function () {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!audio && Context) { audio = new Context(); }
      if (audio && audio.state === "suspended") { audio.resume(); }
      soundButton.setAttribute("aria-pressed", "true");
      soundButton.textContent = "提示音和振动已开启";
    });
  }

  // -- live board ---------------------------------------------------------------------------------
  var status = document.getElementById("live-status");
  var lastSummary = "";

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
      if (then) { then(); }  // the server is away; the stream's own retries say more
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
    source.addEventListener("board", function (event) { show(event.data); });
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
      if (source.readyState === EventSource.CLOSED) { leave("/calls"); }
    });
  }

  if (window.EventSource) { connect(); }
  alertWhileUnanswered();
})();
