//! Looks: the normal light theme and a high-contrast one (black on white, thick focus and
//! widget outlines, highlights in yellow with black text), and the colours of marks the views
//! use. Text size is egui's zoom factor (Ctrl + / Ctrl −, or the toolbar buttons).

use eframe::egui::{self, Color32, Stroke, Visuals};

/// Zoom limits for the text-size setting.
pub const ZOOM_MIN: f32 = 0.75;
/// Largest zoom.
pub const ZOOM_MAX: f32 = 3.0;
/// One step of the text-size buttons.
pub const ZOOM_STEP: f32 = 0.25;

/// Colours of the marks the views draw, for the current theme.
#[derive(Debug, Clone, Copy)]
pub struct Marks {
    /// Background of a highlighted field (the place of the selected finding).
    pub highlight_bg: Color32,
    /// Text on a highlighted field.
    pub highlight_fg: Color32,
    /// Fatal findings and the credit note banner.
    pub fatal: Color32,
    /// Warnings.
    pub warning: Color32,
    /// A valid verdict.
    pub ok: Color32,
    /// The paper of the invoice.
    pub paper: Color32,
    /// Captions.
    pub caption: Color32,
}

/// The marks for `high_contrast`.
pub fn marks(high_contrast: bool) -> Marks {
    if high_contrast {
        Marks {
            highlight_bg: Color32::from_rgb(255, 230, 0),
            highlight_fg: Color32::BLACK,
            fatal: Color32::from_rgb(160, 0, 0),
            warning: Color32::from_rgb(110, 60, 0),
            ok: Color32::from_rgb(0, 90, 0),
            paper: Color32::WHITE,
            caption: Color32::BLACK,
        }
    } else {
        Marks {
            highlight_bg: Color32::from_rgb(255, 236, 140),
            highlight_fg: Color32::from_rgb(20, 20, 20),
            fatal: Color32::from_rgb(180, 20, 20),
            warning: Color32::from_rgb(150, 90, 0),
            ok: Color32::from_rgb(20, 120, 40),
            paper: Color32::from_rgb(253, 253, 250),
            caption: Color32::from_rgb(80, 80, 80),
        }
    }
}

/// Applies the theme to the whole window.
pub fn apply(ctx: &egui::Context, high_contrast: bool) {
    let mut v = Visuals::light();
    if high_contrast {
        v.override_text_color = Some(Color32::BLACK);
        v.panel_fill = Color32::WHITE;
        v.window_fill = Color32::WHITE;
        v.extreme_bg_color = Color32::WHITE;
        v.faint_bg_color = Color32::from_gray(235);
        v.hyperlink_color = Color32::from_rgb(0, 0, 170);
        // Black text stays black everywhere: selection is a light fill with a black outline.
        v.selection.bg_fill = Color32::from_rgb(160, 215, 255);
        v.selection.stroke = Stroke::new(2.0, Color32::BLACK);
        for w in [
            &mut v.widgets.noninteractive,
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.fg_stroke = Stroke::new(1.5, Color32::BLACK);
            w.bg_stroke = Stroke::new(1.5, Color32::BLACK);
        }
        v.widgets.inactive.bg_fill = Color32::WHITE;
        v.widgets.inactive.weak_bg_fill = Color32::WHITE;
        v.widgets.hovered.bg_fill = Color32::from_rgb(255, 230, 0);
        v.widgets.hovered.weak_bg_fill = Color32::from_rgb(255, 230, 0);
        v.widgets.hovered.bg_stroke = Stroke::new(3.0, Color32::BLACK);
        v.widgets.active.bg_stroke = Stroke::new(3.0, Color32::BLACK);
    }
    ctx.set_visuals(v);
}
