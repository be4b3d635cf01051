//! Ages read, and lengths of time not mistaken for them.

use super::stated_age;
use crate::domain::Lang::{En, Es};

#[test]
fn ages_are_read_in_both_languages() {
    assert_eq!(stated_age("my 7 year old has ALL", En), Some(7));
    assert_eq!(stated_age("treatment for a 12-year-old", En), Some(12));
    assert_eq!(stated_age("son is age 9, what chemo", En), Some(9));
    assert_eq!(stated_age("she is 4 yo", En), Some(4));
    assert_eq!(stated_age("my son is 7", En), Some(7));
    assert_eq!(stated_age("my seven-year-old has leukemia", En), Some(7));
    assert_eq!(stated_age("baby 8 months old with leukemia", En), Some(0));
    assert_eq!(stated_age("mi hijo de 7 años tiene leucemia", Es), Some(7));
    assert_eq!(stated_age("mi nieta tiene 6 años", Es), Some(6));
    assert_eq!(stated_age("una niña de 10 anos", Es), Some(10));
    assert_eq!(stated_age("mi hija de siete años", Es), Some(7));
    assert_eq!(stated_age("tiene 6 anos y leucemia", Es), Some(6));
    assert_eq!(
        stated_age("mi hijo de 7 con leucemia linfoblastica", Es),
        Some(7)
    );
    assert_eq!(stated_age("mi bebé de 8 meses", Es), Some(0));
    assert_eq!(stated_age("my dad is 68 years old", En), Some(68));
}

#[test]
fn the_youngest_of_several_ages_counts() {
    assert_eq!(
        stated_age("I am 38 years old, my daughter is 4 yo", En),
        Some(4)
    );
    assert_eq!(
        stated_age("mi esposo tiene 45 años y mi hija de 8 años", Es),
        Some(8)
    );
}

#[test]
fn lengths_of_time_are_not_ages() {
    for (text, lang) in [
        ("2 years of maintenance", En),
        ("el mantenimiento dura 2 años", Es),
        ("tratamiento de 2 años", Es),
        ("how long to wait 6 months after treatment", En),
        ("stage 2", En),
        ("mi mamá tiene 5 años en remisión", Es),
        ("tiene 2 años con LLA", Es),
        ("tiene 2 años de tratamiento", Es),
        ("en el ciclo 3 yo tuve fiebre", Es),
        ("my son is 7 days past chemo", En),
        ("once a week for two years", En),
    ] {
        assert_eq!(stated_age(text, lang), None, "{text}");
    }
    assert_eq!(stated_age("tiene 7 años de edad", Es), Some(7));
}
