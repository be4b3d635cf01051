//! Helpers shared by the integration tests: a small content folder and the app router.

#![allow(dead_code)]

use helpline_assist::config::ServeArgs;
use helpline_assist::state::AppState;
use leptos::prelude::LeptosOptions;
use std::path::Path;

pub const MAINTENANCE: &str = r#"+++
id = "maintenance"
title = "Maintenance therapy"
topic = "maintenance"
language = "en"
summary = "The longest phase."
owner = "Clinical content team"
last_reviewed = "2026-11-01"

[[sources]]
title = "A source"
publisher = "A publisher"
url = "https://example.org/a"
+++
## How long does maintenance last?
Maintenance goes on for about **two years** at lower doses. <script>alert(1)</script>

## Which drugs are used?
Methotrexate and mercaptopurine (6-MP) by mouth.
"#;

pub const MANTENIMIENTO: &str = r#"+++
id = "maintenance-es"
translation_of = "maintenance"
title = "Mantenimiento"
topic = "maintenance"
language = "es"
summary = "La fase más larga."
owner = "Clinical content team"
last_reviewed = "2026-11-02"

[[sources]]
title = "Una fuente"
publisher = "Un editor"
+++
## ¿Cuánto dura el mantenimiento?
El mantenimiento dura unos dos años, con dosis más bajas.
"#;

pub const HELPLINE: &str = r#"name = "Test helpline"
phone = "1-800-555-0100"
phone_hours = "24 hours a day, 7 days a week"
time_zone = "America/Chicago"
disclaimer = "General information only."
disclaimer_es = "Solo información general."

[chat]
holidays = []

[chat.hours]
mon = "07:00-18:30"
"#;

/// Writes a content folder with two good documents and one broken one.
pub fn write_content(dir: &Path) {
    std::fs::create_dir_all(dir.join("en")).unwrap();
    std::fs::create_dir_all(dir.join("es")).unwrap();
    std::fs::write(dir.join("en/maintenance.md"), MAINTENANCE).unwrap();
    std::fs::write(dir.join("es/maintenance-es.md"), MANTENIMIENTO).unwrap();
    std::fs::write(dir.join("en/broken.md"), "+++\ntitle = \"no end\"\n").unwrap();
    std::fs::write(dir.join("helpline.toml"), HELPLINE).unwrap();
}

pub fn state_for(content_dir: &Path) -> AppState {
    let settings = ServeArgs {
        content_dir: content_dir.to_path_buf(),
        ..ServeArgs::default()
    };
    let options = LeptosOptions::builder()
        .output_name("helpline-assist")
        .build();
    AppState::load(settings, options).expect("state loads")
}
