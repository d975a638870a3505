// Passkeys (WebAuthn) on the account pages. A form marked data-passkey="create" or "get" carries the
// options the server made for this ceremony in data-options; on submit the browser's authenticator is
// asked, and the credential (as JSON) is posted back in the form's "credential" field.
"use strict";
for (const form of document.querySelectorAll("form[data-passkey]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = form.querySelector("[data-passkey-status]");
    try {
      if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
        throw new Error("This browser does not support passkeys.");
      }
      const options = JSON.parse(form.dataset.options);
      const credential = form.dataset.passkey === "create"
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      form.querySelector("input[name=credential]").value = JSON.stringify(credential.toJSON());
      form.submit();
    } catch (error) {
      if (status) {
        status.textContent = error.name === "NotAllowedError" ? "The passkey request was cancelled or timed out." : error.message;
      }
    }
  });
}
