//! Styles. Colours are from the 16-colour palette; with `NO_COLOR` only bold, dim and reverse
//! are used, and every state also has a glyph so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn plain(self) -> Style {
        Style::default()
    }

    pub fn bold(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn done(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn overdue(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn soon(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        if self.color {
            Style::default().fg(Color::White).bg(Color::Red)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
}
