//! Skills of event lambdas, with LivePerson's rules: an event with a skills filter (automatic
//! messages, surveys) may have several lambdas only if their skill sets do not overlap, and a
//! default lambda (no skills) answers for every skill, so it cannot share the event with any
//! other. The event's "max functions" limit counts per skill there: at most that many lambdas
//! answer one skill (or the default). Invocation with a `skillId` picks the lambdas listing it,
//! else the default one.

use crate::events::Event;

/// Most skills per lambda (LivePerson V1).
pub const MAX_SKILLS: usize = 50;
/// Longest skill id.
pub const MAX_SKILL_CHARS: usize = 20;

/// Validates a lambda's skills: LivePerson skill ids (digits), at most [`MAX_SKILLS`];
/// blanks are dropped and repeats kept once, in the order given.
pub fn parse_skills<I, S>(raw: I) -> Result<Vec<String>, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut skills: Vec<String> = Vec::new();
    for skill in raw {
        let skill = skill.as_ref().trim();
        if skill.is_empty() {
            continue;
        }
        if skill.len() > MAX_SKILL_CHARS || !skill.chars().all(|c| c.is_ascii_digit()) {
            let shown: String = skill.chars().take(40).collect();
            return Err(format!("'{shown}' is not a skill id (skill ids are numbers, like 12345)"));
        }
        if !skills.iter().any(|s| s == skill) {
            skills.push(skill.to_owned());
        }
    }
    if skills.len() > MAX_SKILLS {
        return Err(format!("a function may have at most {MAX_SKILLS} skills; {} were given", skills.len()));
    }
    Ok(skills)
}

/// Skills typed into one field, separated by commas, semicolons or white space.
pub fn parse_skill_list(text: &str) -> Result<Vec<String>, String> {
    parse_skills(text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()))
}

/// Another lambda bound to the same event, as the rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Neighbour<'a> {
    /// Its name, for the message.
    pub name: &'a str,
    /// Its skills (empty: the default lambda).
    pub skills: &'a [String],
}

/// Whether a lambda with `skills` may be bound to `event` beside `others` (the event's other
/// lambdas). `Err` is the message, naming the conflicting lambda.
pub fn check_event_skills(event: &Event, skills: &[String], others: &[Neighbour<'_>]) -> Result<(), String> {
    let limit = usize::try_from(event.lambda_limit).unwrap_or(usize::MAX);
    if !event.skills_filter {
        if !skills.is_empty() {
            return Err(format!("the event '{}' has no skills filter; its functions take no skills", event.name));
        }
        if others.len() >= limit {
            return Err(format!("event '{}' allows at most {limit} function(s)", event.id));
        }
        return Ok(());
    }
    if skills.is_empty() {
        if let Some(other) = others.first() {
            return Err(format!(
                "a function without skills answers every skill of '{}', and the function '{}' is already bound \
                 to it; give this one skills that '{}' does not have",
                event.name, other.name, other.name
            ));
        }
        return Ok(());
    }
    if let Some(default) = others.iter().find(|o| o.skills.is_empty()) {
        return Err(format!(
            "the function '{}' is the default (no skills) for '{}' and answers every skill; give it skills first \
             or remove it",
            default.name, event.name
        ));
    }
    for skill in skills {
        let taken: Vec<&str> = others.iter().filter(|o| o.skills.contains(skill)).map(|o| o.name).collect();
        if taken.len() >= limit {
            return Err(format!(
                "skill {skill} is already taken on '{}' by the function '{}'; the skills of functions on one \
                 event must not overlap",
                event.name,
                taken.join("', '")
            ));
        }
    }
    Ok(())
}

/// Picks, from the productive lambdas of an event, those an invocation with `skill_id` runs:
/// without a skill, all of them; with one, those listing it, else the default ones (no skills).
pub fn select_for_skill<'a, T>(lambdas: &'a [(T, Vec<String>)], skill_id: Option<&str>) -> Vec<&'a T> {
    let Some(skill) = skill_id.map(str::trim).filter(|s| !s.is_empty()) else {
        return lambdas.iter().map(|(l, _)| l).collect();
    };
    let matching: Vec<&T> = lambdas.iter().filter(|(_, s)| s.iter().any(|x| x == skill)).map(|(l, _)| l).collect();
    if !matching.is_empty() {
        return matching;
    }
    lambdas.iter().filter(|(_, s)| s.is_empty()).map(|(l, _)| l).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::event;

    fn skills(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn skills_are_numbers_at_most_fifty() {
        assert_eq!(parse_skill_list(" 12, 13;14 12 ,").unwrap(), skills(&["12", "13", "14"]));
        assert!(parse_skill_list("12, sales").unwrap_err().contains("'sales' is not a skill id"));
        let fifty: Vec<String> = (1..=50).map(|n| n.to_string()).collect();
        assert_eq!(parse_skills(&fifty).unwrap().len(), 50);
        let fifty_one: Vec<String> = (1..=51).map(|n| n.to_string()).collect();
        assert!(parse_skills(&fifty_one).unwrap_err().contains("at most 50"));
    }

    #[test]
    fn skill_sets_must_not_overlap_and_a_default_stands_alone() {
        let e = event("controllerbot_messaging_new_conversation").unwrap();
        let a = skills(&["1", "2"]);
        let none = Vec::new();
        let with_a = [Neighbour { name: "a", skills: &a }];
        assert!(check_event_skills(e, &skills(&["3"]), &with_a).is_ok());
        assert!(check_event_skills(e, &skills(&["3", "2"]), &with_a).unwrap_err().contains("'a'"));
        assert!(check_event_skills(e, &none, &with_a).unwrap_err().contains("'a'"));
        let with_default = [Neighbour { name: "d", skills: &none }];
        assert!(check_event_skills(e, &skills(&["9"]), &with_default).unwrap_err().contains("'d'"));
        assert!(check_event_skills(e, &none, &[]).is_ok());

        let command = event("conversational_command").unwrap();
        assert!(check_event_skills(command, &skills(&["1"]), &[]).unwrap_err().contains("no skills filter"));
        assert!(check_event_skills(command, &none, &with_a).is_ok());
    }

    #[test]
    fn a_skill_picks_its_lambdas_or_the_default() {
        let list = vec![("a", skills(&["1", "2"])), ("b", skills(&["3"]))];
        assert_eq!(select_for_skill(&list, Some("3")), vec![&"b"]);
        assert!(select_for_skill(&list, Some("4")).is_empty());
        assert_eq!(select_for_skill(&list, None), vec![&"a", &"b"]);
        assert_eq!(select_for_skill(&list, Some("")), vec![&"a", &"b"]);
        let default = vec![("d", Vec::new())];
        assert_eq!(select_for_skill(&default, Some("4")), vec![&"d"]);
    }
}
