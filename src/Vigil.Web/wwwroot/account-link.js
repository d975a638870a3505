// An e-mailed account link (confirming an address, setting a new password) carries its secret in the fragment
// (#user=…&token=…), which browsers never send, so no server or proxy log records it. This moves it into the
// page's form and takes it out of the address bar. Without script, paste the two values from the link.
(() => {
  const values = new URLSearchParams(location.hash.slice(1));
  for (const name of ["user", "token"]) {
    const field = document.getElementById("link-" + name);
    if (field && values.get(name) && !field.value) {
      field.value = values.get(name);
    }
  }
  if (values.get("token")) {
    history.replaceState(null, "", location.pathname);
  }
})();
