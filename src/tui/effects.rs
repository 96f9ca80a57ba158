//! Performs what `update` asks for against the store and turns the outcome into a message.

use std::rc::Rc;

use super::message::{Change, Effect, Msg, Step};
use super::state::State;
use crate::i18n::{Lang, Localized};
use crate::plan::{NodeIx, Plan};
use crate::store::{Actor, NewMark, NewNote, NoteWriteError, RestoreMark, Store, StoreError};

pub struct Runner {
    store: Store,
    plan: Rc<Plan>,
    user: String,
    lang: Lang,
    data_version: Option<i64>,
    /// A read-only store was opened again and the view has not read it since.
    reopened: bool,
    /// The newest audit row already accounted for.
    audit_seen: i64,
    /// The newest restore in the audit log: another one means the whole database changed.
    restore_seen: Option<RestoreMark>,
    /// An error worth reporting after the terminal is restored.
    pub error: Option<StoreError>,
}

impl Runner {
    pub fn new(store: Store, plan: Rc<Plan>, user: &str, lang: Lang) -> Runner {
        let data_version = store.data_version().ok();
        let audit_seen = store.last_audit_id().unwrap_or(0);
        let restore_seen = store.last_restore().ok().flatten();
        Runner {
            store,
            plan,
            user: user.to_string(),
            lang,
            data_version,
            reopened: false,
            audit_seen,
            restore_seen,
            error: None,
        }
    }

    /// Before the first frame: notes for search, the selected item's notes, and a draft left
    /// by a dropped connection, offered again.
    pub fn prepare(&mut self, state: &mut State) {
        if let Ok(ledger) = self.store.ledger(&self.plan) {
            state.ledger = ledger;
        }
        if let Ok(map) = self.store.folded_notes(self.plan.id()) {
            state.search_notes = map
                .into_iter()
                .filter_map(|(id, text)| self.plan.find(&id).map(|ix| (ix, text)))
                .collect();
        }
        if let Ok(notes) = self
            .store
            .notes(self.plan.id(), &self.plan.node(state.selected).id)
        {
            state.notes = Some((state.selected, notes));
        }
        if state.read_only {
            return;
        }
        // Drafts of other plans wait for their plan; none is dropped.
        if let Ok(drafts) = self.store.drafts(&self.user) {
            let mine: Vec<_> = drafts
                .into_iter()
                .filter(|d| d.plan_id == self.plan.id())
                .collect();
            if !mine.is_empty() {
                super::dispatch(state, self, Msg::DraftsFound(mine));
            }
        }
    }

    /// The store, for callers that check what was saved.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Keep the note being typed (called when leaving abruptly).
    pub fn keep_draft(&mut self, state: &State) {
        let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        if let Some(d) = state.draft(&now) {
            let _ = self.store.save_draft(&self.user, &d);
        }
    }

    fn id(&self, ix: NodeIx) -> String {
        self.plan.node(ix).id.clone()
    }

    pub fn run(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::Write { change, undo } => {
                let step = if undo.is_some() {
                    Step::Undo
                } else {
                    Step::New
                };
                Some(self.write(change, undo.as_deref(), step))
            }
            Effect::Redo { change, undone } => Some(self.write(change, Some(&undone), Step::Redo)),
            // A read that fails leaves the pane empty; the next tick or move tries again.
            Effect::LoadNotes(ix) => Some(Msg::NotesLoaded {
                item: ix,
                notes: self
                    .store
                    .notes(self.plan.id(), &self.id(ix))
                    .unwrap_or_default(),
            }),
            Effect::SaveDraft(d) => {
                let _ = self.store.save_draft(&self.user, &d);
                None
            }
            Effect::ClearDraft(key) => {
                let _ = self.store.clear_draft(&self.user, &key);
                None
            }
            Effect::LoadChanges(day) => Some(match self.store.changes_since_day(&self.plan, day) {
                Ok(rows) => Msg::ChangesLoaded { day, rows },
                Err(e) => Msg::PlanFailed(e.say(self.lang)),
            }),
            Effect::LoadPlans => Some(match self.store.plans() {
                Ok(rows) => Msg::PlansLoaded(rows),
                Err(e) => Msg::PlanFailed(e.say(self.lang)),
            }),
            Effect::SwitchPlan(id) => Some(self.switch_plan(&id)),
        }
    }

    /// Load plan `id` with everything the view shows of it; from now on every write and
    /// every look for others' changes is about that plan.
    fn switch_plan(&mut self, id: &str) -> Msg {
        let load = || -> Result<_, StoreError> {
            let plan = Rc::new(self.store.load_plan(Some(id))?);
            let items = self.store.item_states(&plan)?;
            let ledger = self.store.ledger(&plan)?;
            let notes = self
                .store
                .folded_notes(plan.id())?
                .into_iter()
                .filter_map(|(item, text)| plan.find(&item).map(|ix| (ix, text)))
                .collect();
            // A read-only view keeps no drafts, so it offers none (as at a start).
            let drafts = match self.store.is_read_only() {
                true => Vec::new(),
                false => self.store.drafts(&self.user)?,
            };
            Ok((plan, items, ledger, notes, drafts))
        };
        match load() {
            Ok((plan, items, ledger, notes, drafts)) => {
                self.plan = plan.clone();
                let drafts = drafts
                    .into_iter()
                    .filter(|d| d.plan_id == plan.id())
                    .collect();
                Msg::PlanSwitched {
                    plan,
                    items,
                    ledger,
                    notes,
                    drafts,
                }
            }
            Err(e) => Msg::PlanFailed(e.say(self.lang)),
        }
    }

    /// Save `change`; when it takes back `undone` (an undo, or a redo taking back an undo),
    /// only if the item is still as `undone` left it (checked by the store inside the write
    /// transaction). A redo is logged as the change it makes again, an undo as an undo.
    fn write(&mut self, change: Change, undone: Option<&Change>, step: Step) -> Msg {
        let mut actor = Actor::new(&self.user);
        actor.undo = step == Step::Undo;
        let plan_id = self.plan.id().to_string();
        let item = change.item();
        let id = self.id(item);
        let result: Result<Option<Change>, String> = match &change {
            Change::SetDone { done, .. } => self
                .store
                .set_done_if(&plan_id, &id, *done, expect_done(undone), &actor)
                .map(|before| {
                    (before.done != *done).then_some(Change::SetDone {
                        item,
                        done: before.done,
                    })
                })
                .map_err(|e| e.say(self.lang)),
            Change::SetDeadline { date, .. } => self
                .store
                .set_deadline_if(&plan_id, &id, *date, expect_deadline(undone), &actor)
                .map(|before| {
                    (before != *date).then_some(Change::SetDeadline { item, date: before })
                })
                .map_err(|e| e.say(self.lang)),
            Change::AddNote { note, .. } => self
                .store
                .add_note(&plan_id, &id, note, &actor)
                .map(|nid| Some(Change::DeleteNote { item, id: nid }))
                .map_err(|e| self.note_error(e)),
            Change::EditNote { id: nid, note, .. } => self
                .store
                .edit_note_if(*nid, note, expect_note(undone).as_ref(), &actor)
                .map(|before| {
                    Some(Change::EditNote {
                        item,
                        id: *nid,
                        note: NewNote {
                            text: before.text,
                            doc_ref: before.doc_ref,
                            doc_date: before.doc_date,
                        },
                    })
                })
                .map_err(|e| self.note_error(e)),
            Change::DeleteNote { id: nid, .. } => self
                .store
                .delete_note_if(*nid, expect_note(undone).as_ref(), &actor)
                .map(|note| Some(Change::RestoreNote { item, note }))
                .map_err(|e| e.say(self.lang)),
            Change::RestoreNote { note, .. } => self
                .store
                .restore_note(note, &actor)
                .map(|id| Some(Change::DeleteNote { item, id }))
                .map_err(|e| e.say(self.lang)),
            Change::SetAgency { agency, mark, .. } => {
                let agency_id = self.plan.agencies.get(*agency).id.clone();
                self.store
                    .set_agency_state_if(
                        &plan_id,
                        &id,
                        &agency_id,
                        mark,
                        expect_mark(undone),
                        &actor,
                    )
                    .map(|before| {
                        let before = before.map_or_else(NewMark::default, |b| NewMark {
                            state: b.state,
                            doc_ref: b.doc_ref,
                            doc_date: b.doc_date,
                            note: b.note,
                        });
                        (before != *mark).then_some(Change::SetAgency {
                            item,
                            agency: *agency,
                            mark: before,
                        })
                    })
                    .map_err(|e| e.say(self.lang))
            }
        };
        let inverse = match result {
            Ok(inv) => inv,
            Err(error) => return Msg::Failed { change, error },
        };
        // Read back what is now stored, so the screen shows the database, not a guess.
        let read = || -> Result<_, crate::store::StoreError> {
            Ok((
                self.store.item_states(&self.plan)?,
                self.store.notes(&plan_id, &id)?,
                self.store.ledger(&self.plan)?,
            ))
        };
        match read() {
            Ok((items, notes, ledger)) => Msg::Saved {
                change,
                step,
                inverse,
                items,
                notes,
                ledger,
            },
            Err(e) => Msg::Failed {
                change,
                error: e.say(self.lang),
            },
        }
    }

    fn note_error(&self, e: NoteWriteError) -> String {
        match e {
            NoteWriteError::Note(n) => n.say(self.lang),
            NoteWriteError::Store(s) => s.say(self.lang),
        }
    }

    /// Someone else committed since we last looked: reload the item states.
    pub fn poll_external(&mut self, plan_id: &str) -> Option<Msg> {
        // A read-only view opened when nobody was writing reads a frozen file; once writers
        // come, it is opened again and everything reloads.
        self.reopened |= self.store.reopen_if_changed().unwrap_or(false);
        let v = self.store.data_version().ok()?;
        if self.data_version == Some(v) && !self.reopened {
            return None;
        }
        if self.data_version.is_none() {
            self.data_version = Some(v);
            return None;
        }
        // Marked as seen only once read: a read that fails is tried again at the next poll.
        let items = self.store.item_states(&self.plan).ok()?;
        let ledger = self.store.ledger(&self.plan).ok()?;
        self.data_version = Some(v);
        self.reopened = false;
        // A restore replaces everything, the audit log included: its rows are not news, and
        // the numbering we kept no longer applies.
        let restore = self.store.last_restore().ok().flatten();
        if restore != self.restore_seen {
            self.restore_seen = restore.clone();
            self.audit_seen = self.store.last_audit_id().unwrap_or(0);
            return Some(Msg::External {
                items,
                ledger,
                changes: Vec::new(),
                restored_by: restore.map(|r| r.who),
            });
        }
        // Our own rows are skipped: we said "saved" for them already.
        let rows = self
            .store
            .audit_after(plan_id, self.audit_seen, 1000)
            .unwrap_or_default();
        if let Some(last) = rows.last() {
            self.audit_seen = last.id;
        }
        let changes = rows
            .into_iter()
            .filter(|r| r.who != self.user)
            .filter_map(|r| {
                let what = crate::i18n::describe_change(self.lang, &self.plan, &r);
                Some((r.who, r.item_id?, what))
            })
            .collect();
        Some(Msg::External {
            items,
            ledger,
            changes,
            restored_by: None,
        })
    }
}

// What an undo expects to find: the value the undone change wrote.

fn expect_done(undone: Option<&Change>) -> Option<bool> {
    match undone {
        Some(Change::SetDone { done, .. }) => Some(*done),
        _ => None,
    }
}

fn expect_deadline(undone: Option<&Change>) -> Option<Option<chrono::NaiveDate>> {
    match undone {
        Some(Change::SetDeadline { date, .. }) => Some(*date),
        _ => None,
    }
}

/// An edited, added or restored note must still read as written.
fn expect_note(undone: Option<&Change>) -> Option<NewNote> {
    match undone {
        Some(Change::EditNote { note, .. } | Change::AddNote { note, .. }) => Some(note.clone()),
        Some(Change::RestoreNote { note, .. }) => Some(NewNote {
            text: note.text.clone(),
            doc_ref: note.doc_ref.clone(),
            doc_date: note.doc_date,
        }),
        _ => None,
    }
}

fn expect_mark(undone: Option<&Change>) -> Option<&NewMark> {
    match undone {
        Some(Change::SetAgency { mark, .. }) => Some(mark),
        _ => None,
    }
}
