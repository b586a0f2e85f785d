// Settings: "who am I" (the local store has no login, so the user picks themselves from the
// active attestförteckning, or types their id), the language, and where the data lives.

import { h, field } from "../dom.js";

/** Builds the settings view into `container`. */
export async function render(app, container) {
  const t = app.t();
  let people = [];
  let info = null;
  try {
    [people, info] = await Promise.all([app.invoke("list_people"), app.invoke("app_info")]);
  } catch (err) {
    app.showError(err);
  }
  const choose = (id) => {
    app.setUser(id);
    app.announce(t.userChosen(id || t.nobody));
  };
  const select = h(
    "select",
    { id: "user-select", onchange: (e) => choose(e.target.value) },
    h("option", { value: "", selected: !app.user }, t.nobody),
    people.map((p) => h("option", { value: p.id, selected: p.id === app.user }, [p.name || p.id, p.name ? `(${p.id})` : null, p.position ? `– ${p.position}` : null].filter(Boolean).join(" "))),
  );
  const typed = h("input", { type: "text", id: "user-id", value: app.user, autocomplete: "off" });
  container.replaceChildren(
    h("h2", { id: "settings-heading", tabIndex: -1 }, t.settingsHeading),
    h(
      "section",
      { class: "panel", "aria-labelledby": "who-heading" },
      h("h3", { id: "who-heading" }, t.whoAmI),
      h("p", { class: "hint" }, t.whoAmIHint),
      people.length ? field(t.pickUser, select) : null,
      h("div", { class: "inline" }, field(t.userId, typed), h("button", { type: "button", id: "user-use", onclick: () => choose(typed.value) }, t.useUser)),
    ),
    h(
      "section",
      { class: "panel", "aria-labelledby": "about-heading" },
      h("h3", { id: "about-heading" }, t.appName),
      info ? h("dl", { class: "facts" }, h("dt", {}, t.version), h("dd", {}, info.version), h("dt", {}, t.dataDir), h("dd", {}, h("code", { id: "data-dir" }, info.dataDir))) : null,
    ),
  );
}
