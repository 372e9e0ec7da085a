// "Copy link" on each object: copy its permanent link (go/<ID>.html, made absolute) to the clipboard.
// Without script, or where the clipboard is refused, the link simply opens the permanent address.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.pm-copy-link") : null;
  if (!link || !navigator.clipboard || !window.isSecureContext) return;
  event.preventDefault();
  var address = new URL(link.getAttribute("href"), window.location.href).href;
  navigator.clipboard.writeText(address).then(function () {
    var status = link.parentNode.querySelector(".pm-copy-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "pm-copy-status";
      status.setAttribute("role", "status");
      link.after(status);
    }
    status.textContent = " Link copied: " + address;
  }, function () { window.location.href = address; });
});
