// Saved replies on a report page (CSP: no inline script): choosing one puts its text, already expanded for this
// report, into the text box it belongs to, to edit before sending. Text already typed is kept, the reply added below
// it. Without JavaScript the form sends the chosen reply itself when the box is left empty.
const data = document.getElementById("saved-replies-data");
const replies = data ? JSON.parse(data.textContent) : {};
document.querySelectorAll("select[data-saved-reply-for]").forEach((select) => {
  const box = document.getElementById(select.dataset.savedReplyFor);
  const hint = document.getElementById(select.id + "-hint");
  if (!box) return;
  if (hint) hint.textContent = "Choosing one puts it into the box below, to edit before sending.";
  select.addEventListener("change", () => {
    const text = replies[select.value];
    if (text === undefined) return;
    box.value = box.value.trim() === "" ? text : box.value.replace(/\s*$/, "\n\n") + text;
    box.focus();
  });
});
