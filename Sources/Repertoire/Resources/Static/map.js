// Maps (issue #13): the results map and a profile's small map, drawn with Leaflet. Loaded after
// Leaflet on the pages that have a map; without it (or without JavaScript) the pages show the
// same enterprises as a list and the address in words.
(function () {
  "use strict";
  if (!window.L) { return; }

  function text(box, name) { return box.getAttribute("data-text-" + name) || ""; }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content) { node.textContent = content; }
    return node;
  }

  // The popup is the enterprise's card: its name (a link to its profile), its place, its sectors.
  function card(box, marker) {
    var root = element("div", "map-card");
    var title = element("p", "map-card-title");
    var link = element("a", null, marker.name);
    link.href = marker.url;
    title.appendChild(link);
    root.appendChild(title);
    if (marker.place) { root.appendChild(element("p", "map-card-place", marker.place)); }
    if (marker.sectors && marker.sectors.length) { root.appendChild(element("p", "map-card-sectors", marker.sectors.join(", "))); }
    if (marker.approximate) { root.appendChild(element("p", "map-card-approximate", text(box, "approximate"))); }
    return root;
  }

  function pin(box, marker) {
    var label = marker.name + (marker.approximate ? " (" + text(box, "approximate") + ")" : "");
    return L.marker([marker.lat, marker.lon], { title: label, alt: label, keyboard: true });
  }

  function start(box) {
    box.hidden = false;
    L.Icon.Default.imagePath = box.getAttribute("data-icon-path");
    // No fading: a popup is readable (and checked for contrast) as soon as it opens.
    // Zooms do not glide for those who ask their system for less motion.
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var map = L.map(box, { scrollWheelZoom: false, fadeAnimation: false, zoomAnimation: !still, markerZoomAnimation: !still,
                           center: [46.8, -71.2], zoom: 6 });
    map.attributionControl.setPrefix(false);
    var tiles = box.getAttribute("data-tiles");
    if (tiles) {
      // Tiles that fail to load (no network, a server down) leave the markers in place.
      var credit = box.getAttribute("data-attribution") || "";
      var creditURL = box.getAttribute("data-attribution-url");
      var holder = document.createElement("span");
      if (creditURL) {
        var a = element("a", null, credit);
        a.href = creditURL;
        holder.appendChild(a);
      } else {
        holder.textContent = credit;
      }
      L.tileLayer(tiles, { maxZoom: 19, attribution: holder.innerHTML }).addTo(map);
    }
    if (box.hasAttribute("data-lat")) {
      var point = { lat: parseFloat(box.getAttribute("data-lat")), lon: parseFloat(box.getAttribute("data-lon")),
                    name: box.getAttribute("data-name"), approximate: box.hasAttribute("data-approximate") };
      pin(box, point).addTo(map);
      map.setView([point.lat, point.lon], point.approximate ? 12 : 15);
      return;
    }
    var status = document.querySelector("[data-map-status]");
    fetch(box.getAttribute("data-markers"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false }) : L.featureGroup();
        data.markers.forEach(function (marker) {
          group.addLayer(pin(box, marker).bindPopup(function () { return card(box, marker); }));
        });
        map.addLayer(group);
        if (data.markers.length) { map.fitBounds(group.getBounds(), { maxZoom: 14, padding: [20, 20] }); }
        if (status) {
          var words = data.markers.length ? data.markers.length.toLocaleString(document.documentElement.lang) + " " + text(box, "on-map") : text(box, "none");
          if (data.withoutPosition) { words += " · " + data.withoutPosition.toLocaleString(document.documentElement.lang) + " " + text(box, "without"); }
          status.textContent = words + ".";
        }
      })
      .catch(function () { if (status) { status.textContent = text(box, "failed"); } });
  }

  document.querySelectorAll("[data-map]").forEach(function (box) {
    try {
      start(box);
      document.querySelectorAll("[data-map-noscript]").forEach(function (note) { note.hidden = true; });
    } catch (error) {
      box.hidden = true;
    }
  });
})();
