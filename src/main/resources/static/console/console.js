// The web console: plain DOM over the service's own REST API, with the caller's API key.
// Every value from the service or the user reaches the page through textContent, never as HTML.
"use strict";

const KEY_STORAGE = "siamese-verify.api-key"; // per browser tab: gone when the tab closes
const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** A problem+json answer (RFC 9457) or a network failure, shown to the person as it is. */
class Problem extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
  }
}

async function api(path, options = {}) {
  const headers = { "X-API-Key": sessionStorage.getItem(KEY_STORAGE) || "" };
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (error) {
    throw new Problem(0, "The service did not answer", String(error));
  }
  if (response.status === 204) {
    return null;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Problem(response.status, body?.title || response.statusText, body?.detail);
  }
  return body;
}

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function showProblem(problem) {
  const box = $("#problem");
  if (!problem) {
    box.hidden = true;
    return;
  }
  box.textContent = problem.status ? `${problem.title} (${problem.status}): ${problem.message}` : problem.message;
  box.hidden = false;
}

/** Runs an action of a button, with the button disabled meanwhile and any problem shown. */
async function act(button, action) {
  showProblem(null);
  button.disabled = true;
  try {
    await action();
  } catch (problem) {
    showProblem(problem instanceof Problem ? problem : new Problem(0, "Error", problem.message));
  } finally {
    button.disabled = false;
  }
}

const model = () => $("#model").value;
const cropped = (view) => $(".cropped", view).checked;
const detectQuery = (view) => (cropped(view) ? "detect=false" : "");
const withQuery = (path, ...parts) => {
  const query = parts.filter(Boolean).join("&");
  return query ? `${path}?${query}` : path;
};

// --- key and models ---------------------------------------------------------------------

async function loadModels() {
  const models = await api("/v1/models");
  const select = $("#model");
  const previous = select.value;
  select.replaceChildren(...models.map((m) => element("option", { value: m.name, textContent: m.name })));
  if (models.some((m) => m.name === previous)) {
    select.value = previous;
  }
  select.onchange = () => describe(models.find((m) => m.name === model()));
  describe(models.find((m) => m.name === model()));
  $("#key-status").textContent = "key accepted";
}

function describe(info) {
  $("#model-info").textContent = info
    ? `version ${info.version} · ${info.metric} distance · threshold ${info.threshold}${info.ready ? "" : " · loading"}`
    : "";
  document.body.dataset.model = info ? info.name : "";
}

$("#key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY_STORAGE, $("#api-key").value.trim());
  $("#api-key").value = "";
  $("#key-status").textContent = "checking…";
  act(event.submitter || $("#key-form button"), async () => {
    try {
      await loadModels();
    } catch (problem) {
      $("#key-status").textContent = "key refused";
      throw problem;
    }
  });
});

// --- views ------------------------------------------------------------------------------

$$("nav button").forEach((button) =>
  button.addEventListener("click", () => {
    $$("nav button").forEach((b) => b.classList.toggle("selected", b === button));
    $$(".view").forEach((view) => (view.hidden = view.id !== button.dataset.view));
    showProblem(null);
    if (button.dataset.view === "subjects") {
      act(button, listSubjects);
    }
  })
);

// --- image pickers: a file or a camera picture, previewed on a canvas ----------------------

const chosen = new WeakMap(); // picker → Blob

async function preview(picker, blob) {
  chosen.set(picker, blob);
  $("figure.input", picker)?.remove();
  const canvas = $("canvas", picker);
  const bitmap = await createImageBitmap(blob, { imageOrientation: "from-image" });
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  picker.bitmap = bitmap;
}

/** Draws the faces the service reports on the picker's image; the encoded one stands out. */
function drawFaces(picker, faces) {
  const canvas = $("canvas", picker);
  if (!picker.bitmap) {
    return;
  }
  const context = canvas.getContext("2d");
  context.drawImage(picker.bitmap, 0, 0);
  const line = Math.max(2, Math.round(canvas.width / 200));
  for (const face of faces || []) {
    context.lineWidth = face.encoded ? line * 1.5 : line;
    context.strokeStyle = face.encoded ? "#2457c5" : "#9aa3b2";
    context.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
    context.fillStyle = "#f2b705";
    for (const [x, y] of face.landmarks || []) {
      context.beginPath();
      context.arc(x, y, line * 1.2, 0, 2 * Math.PI);
      context.fill();
    }
  }
}

/** What the encoder saw for this image (the aligned chip, or the canvas), beside it. */
function showInput(picker, dataUrl) {
  let figure = $("figure.input", picker);
  if (!figure) {
    figure = element("figure", { className: "input" }, [
      element("img", { alt: "what the encoder saw" }),
      element("figcaption", { textContent: "encoded" }),
    ]);
    $(".preview", picker).append(figure);
  }
  $("img", figure).src = dataUrl;
}

$$(".picker").forEach((picker) => {
  $("input[type=file]", picker).addEventListener("change", (event) => {
    if (event.target.files[0]) {
      preview(picker, event.target.files[0]);
    }
  });
  $(".camera", picker)?.addEventListener("click", () => capture(picker));
});

async function capture(picker) {
  const dialog = $("#camera-dialog");
  const video = $("video", dialog);
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: true });
  } catch (error) {
    showProblem(new Problem(0, "No camera", "the browser gave no camera: " + error.message));
    return;
  }
  video.srcObject = stream;
  dialog.showModal();
  const stop = () => {
    stream.getTracks().forEach((track) => track.stop());
    dialog.close();
  };
  $("#camera-cancel").onclick = stop;
  $("#camera-take").onclick = () => {
    const canvas = element("canvas", { width: video.videoWidth, height: video.videoHeight });
    canvas.getContext("2d").drawImage(video, 0, 0);
    stop();
    canvas.toBlob((blob) => preview(picker, blob), "image/jpeg", 0.92);
  };
}

function imageOf(picker, label) {
  const blob = chosen.get(picker);
  if (!blob) {
    throw new Problem(0, "Missing image", `choose the ${label} first`);
  }
  return blob;
}

// --- verify -----------------------------------------------------------------------------

$("#verify-run").addEventListener("click", (event) =>
  act(event.target, async () => {
    const view = $("#verify");
    const [first, second] = $$(".picker", view);
    const form = new FormData();
    form.append("image1", imageOf(first, "first image"), "image1");
    form.append("image2", imageOf(second, "second image"), "image2");
    const decision = await api(withQuery(`/v1/models/${model()}/verify`, detectQuery(view), "inputs=true"),
      { method: "POST", body: form });
    (decision.faces || []).forEach((faces, i) => drawFaces([first, second][i], faces));
    (decision.inputs || []).forEach((input, i) => showInput([first, second][i], input));
    showDecision($("#verify-result"), decision);
  })
);

function showDecision(box, decision) {
  const verdict = decision.match ? "Same" : "Different";
  box.replaceChildren(
    element("div", { className: `verdict ${decision.match ? "match" : "nomatch"}`, textContent: verdict }),
    distanceBar(decision.distance, decision.threshold),
    element("p", {
      className: "facts",
      textContent: `distance ${decision.distance.toFixed(4)} ${decision.match ? "≤" : ">"} threshold ` +
        `${decision.threshold} (${decision.metric}) · model ${decision.model} ${decision.modelVersion}` +
        (decision.facesFound ? ` · faces found: ${decision.facesFound.join(", ")}` : ""),
    })
  );
  box.hidden = false;
}

/** A bar from 0 to twice the threshold (or past the distance), the threshold marked on it. */
function distanceBar(distance, threshold) {
  const end = Math.max(2 * threshold, distance * 1.1, 1e-9);
  const at = (value) => `${Math.min(100, (100 * value) / end)}%`;
  return element("div", { className: "bar", title: "distance against threshold" }, [
    element("span", { className: "threshold", textContent: `threshold ${threshold}`, style: `left: ${at(threshold)}` }),
    element("span", { className: "distance", style: `left: calc(${at(distance)} - 2px)` }),
  ]);
}

// --- enrol ------------------------------------------------------------------------------

$("#enrol-run").addEventListener("click", (event) =>
  act(event.target, async () => {
    const view = $("#enrol");
    const subject = $("#enrol-subject").value.trim();
    const files = Array.from($("#enrol-images").files);
    if (!subject || files.length === 0) {
      throw new Problem(0, "Missing input", "give a subject id and at least one image");
    }
    const form = new FormData();
    files.forEach((file) => form.append("image", file, file.name));
    const answer = await api(withQuery(`/v1/models/${model()}/subjects/${encodeURIComponent(subject)}/references`,
      detectQuery(view)), { method: "POST", body: form });
    const box = $("#enrol-result");
    box.replaceChildren(
      element("div", { className: "verdict match", textContent: `Enrolled ${answer.subjectId}` }),
      element("p", {
        className: "facts",
        textContent: `${files.length} image(s) added; the subject now has ${answer.referenceCount} reference(s) ` +
          `for model ${model()}.` + facesPerImage(answer.images),
      })
    );
    box.hidden = false;
  })
);

function facesPerImage(images) {
  const counts = (images || []).filter((image) => image.facesFound != null).map((image) => image.facesFound);
  return counts.length ? ` Faces found per image: ${counts.join(", ")} (the largest of each was enrolled).` : "";
}

// --- identify ---------------------------------------------------------------------------

$("#identify-run").addEventListener("click", (event) =>
  act(event.target, async () => {
    const view = $("#identify");
    const picker = $(".picker", view);
    const form = new FormData();
    form.append("image", imageOf(picker, "image"), "image");
    const limit = `limit=${encodeURIComponent($("#identify-limit").value || 5)}`;
    const answer = await api(withQuery(`/v1/models/${model()}/identify`, limit, detectQuery(view), "inputs=true"),
      { method: "POST", body: form });
    (answer.faces || []).forEach((faces) => drawFaces(picker, faces));
    (answer.inputs || []).forEach((input) => showInput(picker, input));
    const rows = answer.candidates.map((c, i) =>
      element("tr", { className: c.match ? "match" : "" }, [
        element("td", { textContent: String(i + 1) }),
        element("td", { textContent: c.subjectId }),
        element("td", { textContent: c.distance.toFixed(4) }),
        element("td", { textContent: c.match ? "within threshold" : "" }),
      ])
    );
    const box = $("#identify-result");
    box.replaceChildren(
      element("div", {
        className: `verdict ${answer.subjectId ? "match" : "nomatch"}`,
        textContent: answer.subjectId ? `Best match: ${answer.subjectId}` : "No match among the enrolled subjects",
      }),
      element("p", {
        className: "facts",
        textContent: `threshold ${answer.threshold} (${answer.metric}) · model ${answer.model} ${answer.modelVersion}`,
      }),
      element("table", {}, [
        element("thead", {}, [element("tr", {}, ["#", "Subject", "Distance", ""].map((h) =>
          element("th", { textContent: h })))]),
        element("tbody", {}, rows),
      ])
    );
    box.hidden = false;
  })
);

// --- subjects ---------------------------------------------------------------------------

async function listSubjects() {
  const page = await api(`/v1/models/${model()}/subjects?limit=1000`);
  $("#subjects-table tbody").replaceChildren(...page.subjects.map((s) => {
    const inspect = element("button", { type: "button", textContent: "Inspect", className: "inspect" });
    const remove = element("button", { type: "button", textContent: "Delete", className: "delete" });
    inspect.addEventListener("click", () => act(inspect, () => inspectSubject(s.subjectId)));
    remove.addEventListener("click", () => act(remove, () => deleteSubject(s.subjectId)));
    const row = element("tr", {}, [
      element("td", { textContent: s.subjectId }),
      element("td", { textContent: String(s.referenceCount) }),
      element("td", {}, [inspect, " ", remove]),
    ]);
    row.dataset.subject = s.subjectId;
    return row;
  }));
  $("#subject-detail").hidden = true;
}

async function inspectSubject(subjectId) {
  const subject = await api(`/v1/models/${model()}/subjects/${encodeURIComponent(subjectId)}`);
  const box = $("#subject-detail");
  box.replaceChildren(
    element("h3", { textContent: subject.subjectId }),
    element("table", {}, [
      element("thead", {}, [element("tr", {}, ["Reference", "Enrolled", "Model version"].map((h) =>
        element("th", { textContent: h })))]),
      element("tbody", {}, subject.references.map((r) => element("tr", {}, [
        element("td", { textContent: r.referenceId }),
        element("td", { textContent: r.createdAt }),
        element("td", { textContent: r.modelVersion || "" }),
      ]))),
    ])
  );
  box.hidden = false;
}

async function deleteSubject(subjectId) {
  if (!window.confirm(`Delete ${subjectId} and every embedding of it? This cannot be undone.`)) {
    return;
  }
  await api(`/v1/models/${model()}/subjects/${encodeURIComponent(subjectId)}`, { method: "DELETE" });
  await listSubjects();
}

$("#subjects-refresh").addEventListener("click", (event) => act(event.target, listSubjects));

// A key pasted earlier in this tab is used again.
if (sessionStorage.getItem(KEY_STORAGE)) {
  loadModels().catch(showProblem);
}
