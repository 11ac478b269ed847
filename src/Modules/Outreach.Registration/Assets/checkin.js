// The check-in page: live counts every 5 s, and scanning ticket QR codes with the camera where the browser
// has BarcodeDetector. Served from the module (the CSP allows no inline script); typing always works.
(function () {
  'use strict';
  var form = document.getElementById('checkin-form');
  if (!form) return;
  var input = document.getElementById('checkin-code');

  // Live counts per slot: people checked in / people confirmed.
  var table = document.getElementById('checkin-counts');
  var updated = document.getElementById('checkin-updated');
  function setText(el, value) { if (el) el.textContent = String(value); }
  function refresh() {
    if (!table || document.hidden) return;
    fetch(table.getAttribute('data-url'), { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        data.slots.forEach(function (s) {
          var row = table.querySelector('tr[data-slot="' + s.id + '"]');
          if (!row) return;
          setText(row.querySelector('[data-checked-in]'), s.checkedIn);
          setText(row.querySelector('[data-confirmed]'), s.confirmed);
        });
        setText(table.querySelector('[data-total-checked-in]'), data.checkedIn);
        setText(table.querySelector('[data-total-confirmed]'), data.confirmed);
        var now = new Date();
        setText(updated, '已更新 ' + String(now.getHours()).padStart(2, '0') + ':' + String(now.getMinutes()).padStart(2, '0') + ':' + String(now.getSeconds()).padStart(2, '0'));
      })
      .catch(function () { setText(updated, '网络异常，计数暂未更新'); });
  }
  setInterval(refresh, 5000);
  document.addEventListener('visibilitychange', refresh);

  // Camera scanning. The QR payload is "OUTREACH-TICKET:<code>"; the server normalises it.
  var button = document.getElementById('checkin-camera');
  var note = document.getElementById('checkin-camera-note');
  var video = document.getElementById('checkin-video');
  var scanField = document.getElementById('checkin-scan');
  var canScan = 'BarcodeDetector' in window && navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function';
  function say(text) { note.textContent = text; note.hidden = !text; }
  if (!canScan) {
    say('此浏览器不支持扫码，请手动输入票号。');
    return;
  }
  button.hidden = false;
  var stream = null;
  var timer = 0;

  function stop() {
    clearTimeout(timer);
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    video.srcObject = null;
    button.textContent = '扫码';
  }

  function start() {
    var detector;
    try { detector = new window.BarcodeDetector({ formats: ['qr_code'] }); }
    catch (e) { say('此浏览器不支持扫码，请手动输入票号。'); button.hidden = true; return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        button.textContent = '停止扫码';
        say('将二维码对准摄像头');
        return video.play().then(function () { look(detector); });
      })
      .catch(function () { stop(); say('无法打开摄像头，请检查浏览器权限，或手动输入票号。'); });
  }

  function look(detector) {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      var hit = codes.map(function (c) { return c.rawValue || ''; }).filter(function (v) { return v.trim().length > 0; })[0];
      if (hit) {
        stop();
        input.value = hit;
        scanField.value = '1';
        say('');
        form.submit();
        return;
      }
      timer = setTimeout(function () { look(detector); }, 200);
    }).catch(function () { timer = setTimeout(function () { look(detector); }, 500); });
  }

  button.addEventListener('click', function () { if (stream) stop(); else start(); });
  // Typing a code uses the keyboard, not the camera.
  form.addEventListener('submit', function () { if (stream) stop(); });
  // The previous code came from the camera: keep scanning for the next person.
  if (form.getAttribute('data-autoscan') === '1') start();
})();
