/* Chapter links seek the video instead of opening the file: any element with data-seek (seconds) and
   data-player (the <video>'s id) does, so the live record's entries can carry the same attributes.
   Without JavaScript the links open the MP4 at that moment (media fragment #t=seconds). */
(function () {
  "use strict";
  if (window.portalVideoChapters) return;
  window.portalVideoChapters = true;

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-seek][data-player]") : null;
    if (!link) return;
    var video = document.getElementById(link.dataset.player);
    var seconds = Number(link.dataset.seek);
    if (!video || !isFinite(seconds)) return;
    event.preventDefault();
    video.currentTime = seconds;
    var playing = video.play();
    if (playing && playing.catch) playing.catch(function () { /* autoplay refused: the position is set */ });
    video.focus({ preventScroll: true });
    if (video.scrollIntoView) video.scrollIntoView({ block: "nearest" });
  });
})();
