//! Figures entered in 万元 where the document publishes them so (三公,
//! 机关运行经费): read in 元 for everything derived, and switched between
//! units as typed.

use super::{NarrativeInputs, SanGong, SanGongYear};
use crate::amount::{Amount, InputUnit};

impl SanGong {
    /// Both years in 元, as everything derived from them counts (a 万元
    /// figure × 10,000; text not valid in its unit is kept as it is).
    pub fn in_yuan(&self) -> SanGong {
        let u = self.unit;
        let year = |y: &SanGongYear| SanGongYear {
            abroad: u.to_yuan(&y.abroad),
            vehicle_purchase: u.to_yuan(&y.vehicle_purchase),
            vehicle_operation: u.to_yuan(&y.vehicle_operation),
            reception: u.to_yuan(&y.reception),
        };
        SanGong {
            last_year: year(&self.last_year),
            this_year: year(&self.this_year),
            unit: InputUnit::Yuan,
        }
    }
    /// The eight figures as typed in `unit` (see `InputUnit::convert`).
    pub fn with_unit(&self, unit: InputUnit) -> SanGong {
        let from = self.unit;
        let year = |y: &SanGongYear| SanGongYear {
            abroad: from.convert(unit, &y.abroad),
            vehicle_purchase: from.convert(unit, &y.vehicle_purchase),
            vehicle_operation: from.convert(unit, &y.vehicle_operation),
            reception: from.convert(unit, &y.reception),
        };
        SanGong {
            last_year: year(&self.last_year),
            this_year: year(&self.this_year),
            unit,
        }
    }
}

impl NarrativeInputs {
    /// 机关运行经费 (this year, last year) in 元, as everything derived from
    /// them counts (a 万元 figure × 10,000; invalid text kept as it is).
    pub fn running_cost_in_yuan(&self) -> (Amount, Amount) {
        let u = self.running_cost_unit;
        (
            u.to_yuan(&self.running_cost_this_year),
            u.to_yuan(&self.running_cost_last_year),
        )
    }
    /// Switch 机关运行经费 to `unit`, its two figures as typed in it (see
    /// `InputUnit::convert`).
    pub fn set_running_cost_unit(&mut self, unit: InputUnit) {
        let from = self.running_cost_unit;
        self.running_cost_this_year = from.convert(unit, &self.running_cost_this_year);
        self.running_cost_last_year = from.convert(unit, &self.running_cost_last_year);
        self.running_cost_unit = unit;
    }
}
