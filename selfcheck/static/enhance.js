// Small progressive enhancements. Everything works without this file.
(function () {
  "use strict";

  // Move focus to the error summary, so screen reader and keyboard users hear it first.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }

  // Error summary links: focus the input, not only scroll to it.
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  });

  // Exclusive answers ("Weiß nicht", "keine davon"): choosing one clears the others.
  document.querySelectorAll(".choices--checkbox").forEach(function (group) {
    var boxes = group.querySelectorAll("input[type=checkbox]");
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked) { return; }
        var special = box.closest(".choice").classList.contains("choice--special");
        boxes.forEach(function (other) {
          var otherSpecial = other.closest(".choice").classList.contains("choice--special");
          if (other !== box && (special || otherSpecial)) { other.checked = false; }
        });
      });
    });
  });

  // Presenter view: while people answer, the figures reload every few seconds. A button stops and
  // restarts that (WCAG 2.2.1); without JavaScript the "Zahlen aktualisieren" link does it by hand.
  var seconds = parseInt(document.body.getAttribute("data-refresh") || "0", 10);
  var refreshLink = document.querySelector("[data-refresh-link]");
  if (seconds > 0 && refreshLink) {
    var paused = window.sessionStorage.getItem("presenter-paused") === "1";
    var timer = null;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "button button--secondary";
    var schedule = function () {
      window.clearTimeout(timer);
      toggle.textContent = paused ? refreshLink.getAttribute("data-resume") : refreshLink.getAttribute("data-pause");
      if (!paused) { timer = window.setTimeout(function () { window.location.reload(); }, seconds * 1000); }
    };
    toggle.addEventListener("click", function () {
      paused = !paused;
      window.sessionStorage.setItem("presenter-paused", paused ? "1" : "0");
      schedule();
    });
    refreshLink.insertAdjacentElement("afterend", toggle);
    schedule();
  }

  // A PDF being made: ask every two seconds whether it is ready, then say so (and on the waiting
  // page start the download). Without JavaScript the page's link looks again by hand.
  document.querySelectorAll("[data-file-status]").forEach(function (box) {
    var message = box.querySelector("[data-file-message]");
    var tries = 0;
    var ask = function () {
      tries += 1;
      window.fetch(box.getAttribute("data-file-status"), { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (data.state === "ready") {
            message.textContent = box.getAttribute("data-ready-message");
            if (box.hasAttribute("data-file-autostart")) { window.location.href = box.getAttribute("data-file-url"); }
          } else if (data.state === "failed") {
            message.textContent = box.getAttribute("data-failed-message");
          } else if (tries < 90) {
            window.setTimeout(ask, 2000);
          }
        })
        .catch(function () { if (tries < 90) { window.setTimeout(ask, 5000); } });
    };
    window.setTimeout(ask, 1000);
  });

  // Questions that depend on answers on the same page (docs/rules.md, "Conditions"): show and hide
  // them while people answer, so the page need not be sent and shown again. Each rule comes as a
  // JSON tree in data-condition; it is only read, never run. Comparisons mean what they mean on
  // the server (selfcheck/engine/conditions.py, _compare); a hidden question's answer counts as
  // none. When saving, the script names the questions that were visible; the server decides again
  // and shows the page once more if it sees it differently. Without this block the server shows
  // new questions after saving, as it always did.
  var questionStatus = document.querySelector("[data-question-status]");
  if (questionStatus) {
    var questionForm = questionStatus.closest("form");
    var questionBoxes = Array.prototype.slice.call(questionForm.querySelectorAll("[data-question]"));
    var specialAnswers = ["unknown", "not_applicable"];
    var questionRules = {};
    questionBoxes.forEach(function (box) {
      try {
        var rule = JSON.parse(box.getAttribute("data-condition") || "null");
        if (rule) { questionRules[box.getAttribute("data-question")] = rule; }
      } catch (error) { /* not readable: the server decides */ }
    });
    var answerNow = function (id, visibleNow) {
      if (!visibleNow[id]) { return null; }
      var inputs = questionForm.querySelectorAll("input[name='" + CSS.escape("q_" + id) + "']");
      var chosen = [];
      inputs.forEach(function (input) { if (input.checked) { chosen.push(input.value); } });
      if (!inputs.length || !chosen.length) { return null; }
      if (inputs[0].type === "radio" || (chosen.length === 1 && specialAnswers.indexOf(chosen[0]) >= 0)) {
        return chosen[0];
      }
      return chosen;
    };
    var compareAnswer = function (actual, op, value) {
      if (op === "is") {
        if (value === "answered") { return actual !== null && specialAnswers.indexOf(actual) < 0; }
        if (value === "unanswered") { return actual === null; }
        return actual === value;
      }
      if (actual === null || specialAnswers.indexOf(actual) >= 0) { return false; }
      if (op === "contains") { return Array.isArray(actual) && actual.indexOf(value) >= 0; }
      if (op === "in" || op === "not in") {
        var found = !Array.isArray(actual) && value.indexOf(actual) >= 0;
        return op === "in" ? found : !found;
      }
      if (op === "==") { return actual === value; }
      if (op === "!=") { return actual !== value; }
      throw new Error("unknown comparison " + op);
    };
    var ruleHolds = function (node, visibleNow) {
      if (node.op === "const") { return node.value === true; }
      if (node.op === "all") { return node.items.every(function (item) { return ruleHolds(item, visibleNow); }); }
      if (node.op === "any") { return node.items.some(function (item) { return ruleHolds(item, visibleNow); }); }
      if (node.op === "not") { return !ruleHolds(node.items[0], visibleNow); }
      return compareAnswer(answerNow(node.question, visibleNow), node.op, node.value);
    };
    var seenField = document.createElement("input");
    seenField.type = "hidden";
    seenField.name = questionStatus.getAttribute("data-seen-field");
    questionForm.appendChild(seenField);
    var switchQuestions = function (announce) {
      var visibleNow = {};
      var said = [];
      questionBoxes.forEach(function (box) {
        var id = box.getAttribute("data-question");
        var show = !box.hidden;
        if (questionRules[id]) {
          try { show = ruleHolds(questionRules[id], visibleNow); } catch (error) { show = !box.hidden; }
        }
        visibleNow[id] = show;
        // Inputs of hidden questions are disabled: they are neither sent nor checked.
        box.querySelectorAll("input, textarea, select").forEach(function (input) { input.disabled = !show; });
        if (show === !box.hidden) { return; }
        box.hidden = !show;
        box.classList.toggle("page-question--new", show && announce);
        var legend = box.querySelector("legend");
        var text = legend ? legend.textContent.replace(/\s+/g, " ").trim() : "";
        said.push(questionStatus.getAttribute(show ? "data-appeared" : "data-gone") + " " + text);
      });
      seenField.value = questionBoxes.filter(function (box) { return !box.hidden; })
        .map(function (box) { return box.getAttribute("data-question"); }).join(" ");
      if (announce && said.length) {
        // Empty first, so the same words are announced again; focus stays where it is.
        questionStatus.textContent = "";
        window.setTimeout(function () { questionStatus.textContent = said.join(" "); }, 100);
      }
    };
    switchQuestions(false);
    questionForm.addEventListener("change", function () { switchQuestions(true); });
    questionForm.addEventListener("submit", function () { switchQuestions(false); });
  }

  // Presenter view: the arrow keys go to the previous and next screen (the links work without this).
  if (document.body.classList.contains("presenter")) {
    document.addEventListener("keydown", function (event) {
      var rel = { ArrowLeft: "prev", ArrowRight: "next", PageUp: "prev", PageDown: "next" }[event.key];
      var link = rel && document.querySelector("a[rel=" + rel + "]");
      if (link && !event.altKey && !event.ctrlKey && !event.metaKey) { window.location.href = link.href; }
    });
  }

  // Results page: a print button (the page has a print stylesheet). Folded parts open for the
  // printout and fold again afterwards, also for the browser's own print command.
  var printTools = document.querySelector("[data-print-tools]");
  if (printTools && typeof window.print === "function") {
    printTools.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    printTools.hidden = false;
    var openedForPrint = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("main details:not([open])").forEach(function (details) {
        details.open = true;
        openedForPrint.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      openedForPrint.forEach(function (details) { details.open = false; });
      openedForPrint = [];
    });
  }

  // Access page: copy buttons for the resume link and code, with a visible "Kopiert". Shown only
  // where the browser offers the clipboard; otherwise people select and copy the text themselves.
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-copy-tools]").forEach(function (tools) {
      var button = tools.querySelector("[data-copy]");
      var status = tools.querySelector("[data-copy-status]");
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      button.addEventListener("click", function () {
        status.textContent = "";
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          status.textContent = status.getAttribute("data-copied");
        }, function () {
          status.textContent = status.getAttribute("data-copy-failed");
        });
      });
      tools.hidden = false;
    });
  }

  // Results page: the recommendation filter changes the list in place instead of loading the page
  // again (the form sends the same GET parameters without JavaScript; on any failure it still does).
  var recFilter = document.querySelector("[data-rec-filter]");
  var recRegion = document.querySelector("[data-rec-region]");
  if (recFilter && recRegion && window.fetch && window.DOMParser && window.URLSearchParams) {
    var filterRecommendations = function () {
      var params = new URLSearchParams();
      new FormData(recFilter).forEach(function (value, name) { if (value) { params.append(name, value); } });
      var query = params.toString();
      var url = recFilter.getAttribute("action").split("#")[0] + (query ? "?" + query : "");
      window.fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var parts = [["[data-rec-region]", recRegion], ["[data-rec-status]", recFilter.querySelector("[data-rec-status]")],
                       ["[data-rec-toc]", document.querySelector("[data-rec-toc]")]];
          if (!page.querySelector("[data-rec-region]")) { throw new Error("no list"); }
          parts.forEach(function (part) {
            var fresh = page.querySelector(part[0]);
            if (fresh && part[1]) { part[1].innerHTML = fresh.innerHTML; }
          });
          window.history.replaceState(null, "", url + "#filter");
        })
        .catch(function () { recFilter.submit(); });
    };
    recFilter.addEventListener("submit", function (event) {
      event.preventDefault();
      filterRecommendations();
    });
    recFilter.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", filterRecommendations);
    });
  }
})();
