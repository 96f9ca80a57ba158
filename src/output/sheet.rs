//! A workbook as data: named sheets of typed cells under one header row.

use chrono::NaiveDate;

/// What a cell holds. Dates stay dates so that a spreadsheet can sort and filter them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// How a cell should stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    #[default]
    None,
    /// Past its deadline and not done.
    Overdue,
    /// Due soon.
    Due,
    /// Done.
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub mark: Mark,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        Cell {
            value: if s.is_empty() {
                Value::Empty
            } else {
                Value::Text(s)
            },
            mark: Mark::None,
        }
    }

    pub fn number(n: impl Into<f64>) -> Cell {
        Cell {
            value: Value::Number(n.into()),
            mark: Mark::None,
        }
    }

    pub fn date(d: Option<NaiveDate>) -> Cell {
        Cell {
            value: d.map_or(Value::Empty, Value::Date),
            mark: Mark::None,
        }
    }

    pub fn marked(mut self, mark: Mark) -> Cell {
        self.mark = mark;
        self
    }
}

/// One sheet: a header row, then the rows; every row as long as the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: &str, headers: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.headers.len(), "{}", self.name);
        self.rows.push(cells);
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}
