// The e-mailed invitation link carries its token in the fragment (#token=…), which browsers never send, so
// no server or proxy log records it. This moves it into the accept form, keeps it in this tab's session
// storage across sign-in, and takes it out of the address bar.
(() => {
  const key = "vigil-invitation-" + location.pathname;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromLink) {
    sessionStorage.setItem(key, fromLink);
    history.replaceState(null, "", location.pathname);
  }
  const field = document.getElementById("invitation-token");
  const token = fromLink || sessionStorage.getItem(key);
  if (field && token && !field.value) {
    field.value = token;
  }
  const form = document.getElementById("accept-form");
  if (form) {
    form.addEventListener("submit", () => sessionStorage.removeItem(key));
  }
})();
