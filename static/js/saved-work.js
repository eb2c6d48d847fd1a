// Download my work / Load my work, on the index: the reader's edits and
// progress for this course as one JSON file, so switching browsers or
// clearing site data loses nothing. Loading checks the file first, refuses
// a corrupt one or another course's with a message, and says what it restored.
//
//   mountSavedWork(main, onLoaded)
import { COURSE, exportWork, importWork } from "./storage.js";

export function mountSavedWork(main, onLoaded) {
  const box = main.querySelector(".saved-work");
  if (!box) return;
  const message = box.querySelector(".saved-work-message");
  const input = box.querySelector(".saved-work-file");
  box.querySelector(".saved-work-download").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(exportWork(), null, 1)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${COURSE}-my-work.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
    message.textContent = "Your work was saved as a file. Load it here in any browser to carry on.";
  });
  box.querySelector(".saved-work-load").addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    let text;
    try {
      text = await file.text();
    } catch {
      text = "";
    }
    const result = importWork(text);
    box.dataset.state = result.ok ? "loaded" : "refused";
    message.textContent = result.message;
    if (result.ok) onLoaded();
  });
}
