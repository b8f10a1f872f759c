// PNG downloads of the stance charts: the chart's standalone SVG (the SVG link) drawn onto a canvas
// at twice its size. Without JavaScript the PNG link stays hidden and the SVG link still works.
"use strict";
(function () {
  function toPng(link) {
    fetch(link.getAttribute("href"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("chart " + r.status); } return r.text(); })
      .then(function (svg) {
        var img = new Image();
        img.onload = function () {
          var scale = 2;
          var canvas = document.createElement("canvas");
          canvas.width = img.naturalWidth * scale;
          canvas.height = img.naturalHeight * scale;
          var ctx = canvas.getContext("2d");
          ctx.fillStyle = "#fff";
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
          canvas.toBlob(function (blob) {
            var a = document.createElement("a");
            a.href = URL.createObjectURL(blob);
            a.download = link.getAttribute("data-png") || "chart.png";
            document.body.appendChild(a);
            a.click();
            setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
          }, "image/png");
        };
        // A data: URL, which the page's Content-Security-Policy allows for images (blob: it does not).
        img.src = "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(svg)));
      });
  }
  document.querySelectorAll("a.chart-png").forEach(function (link) {
    link.hidden = false;
    link.addEventListener("click", function (ev) { ev.preventDefault(); toPng(link); });
  });
})();
