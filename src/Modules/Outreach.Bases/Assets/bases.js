// "离我最近": asks the browser for its position only when that sort is chosen; the point goes into the query
// string of this one request and is stored nowhere.
(function () {
  var form = document.querySelector('.bases-filters');
  if (!form) return;
  var sort = form.querySelector('[data-geo-sort]');
  var note = form.querySelector('[data-geo-note]');
  if (!sort || !navigator.geolocation) return;
  if (note) note.hidden = false;
  form.addEventListener('submit', function (e) {
    if (sort.value !== 'distance' || form.lat.value) return;
    e.preventDefault();
    navigator.geolocation.getCurrentPosition(function (p) {
      form.lat.value = p.coords.latitude.toFixed(4);
      form.lng.value = p.coords.longitude.toFixed(4);
      form.submit();
    }, function () {
      sort.value = 'name';
      form.submit();
    }, { maximumAge: 600000, timeout: 10000 });
  });
})();
