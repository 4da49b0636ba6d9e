//! THE event catalogue (LivePerson event ids, names, limits, sample payloads) and THE lambda
//! templates. One table each; the UI, the API and the tests iterate them.

/// An event source a lambda can be bound to at creation.
#[derive(Debug)]
pub struct Event {
    /// LivePerson's event id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What triggers it.
    pub description: &'static str,
    /// How many lambdas of the account may implement it; with a skills filter, how many may
    /// answer one skill (see `skills`).
    pub lambda_limit: u32,
    /// Whether its lambdas have skills and invocations pick them by `skillId`.
    pub skills_filter: bool,
    /// A realistic `payload` for the test page (JSON).
    pub sample_payload: &'static str,
    /// Template offered by default.
    pub default_template: &'static str,
}

/// The pseudo-event of lambdas invoked directly (API, schedules, other lambdas).
pub const NO_EVENT: &str = "no_event";
/// Its display name, which LivePerson's clients also send as an event id.
pub const NO_EVENT_NAME: &str = "No Event";

const AUTO_MESSAGE_PAYLOAD: &str = r#"{"cbotEventType":"CONSUMER_OPEN_NEW_CONVERSATION","type":"UPSERT","convId":"c1f4e3a2-0000-4000-8000-000000000001","dialogId":"c1f4e3a2-0000-4000-8000-000000000001","startTs":1700000000000,"clientLanguage":"en-US","inOffHours":false,"visitorId":"visitor-1","originatorMetadata":{"id":"consumer-1","role":"CONSUMER"},"serverTimestamp":1700000000000}"#;

/// The catalogue, in display order ("No Event" first).
pub const EVENTS: &[Event] = &[
    Event {
        id: NO_EVENT,
        name: NO_EVENT_NAME,
        description: "Invoked directly: over the API, by a schedule, or by another lambda.",
        lambda_limit: 50,
        skills_filter: false,
        sample_payload: r#"{"name":"lambdabox"}"#,
        default_template: "greeting",
    },
    Event {
        id: "controllerbot_messaging_new_conversation",
        name: "Messaging New Conversation",
        description: "A consumer opened a new messaging conversation (automatic messages).",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: AUTO_MESSAGE_PAYLOAD,
        default_template: "auto_message",
    },
    Event {
        id: "controllerbot_messaging_conversation_end",
        name: "Messaging Conversation End",
        description: "A messaging conversation was closed by the agent, the consumer or the system.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"cbotEventType":"AGENT_END_CONVERSATION","convId":"c1f4e3a2-0000-4000-8000-000000000002","closeReason":"AGENT","serverTimestamp":1700000000000}"#,
        default_template: "auto_message",
    },
    Event {
        id: "controllerbot_messaging_conversation_idle",
        name: "Messaging Conversation Idle",
        description: "A conversation is waiting: agent or consumer non-responsive, or awaiting in queue.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"cbotEventType":"AGENT_NON_RESPONSIVE","convId":"c1f4e3a2-0000-4000-8000-000000000003","lastConsumerMsgTs":1700000000000,"agentNonResponsive":{"time":5,"timeUnits":"MINUTES"}}"#,
        default_template: "auto_message",
    },
    Event {
        id: "controllerbot_messaging_conversation_routing",
        name: "Messaging Conversation Routing",
        description: "A conversation was transferred to another skill.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"cbotEventType":"ENGAGEMENT_TRANSFERED","convId":"c1f4e3a2-0000-4000-8000-000000000004","oldSkillId":"1","newSkillId":"2"}"#,
        default_template: "auto_message",
    },
    Event {
        id: "controllerbot_messaging_mid_conversation_msg",
        name: "Messaging Line in Off-Hours",
        description: "A consumer wrote during off-hours.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"cbotEventType":"CONSUMER_SEND_MESSAGE_ON_OFFHOURS","convId":"c1f4e3a2-0000-4000-8000-000000000005","openedInOffHours":true}"#,
        default_template: "auto_message",
    },
    Event {
        id: "controllerbot_messaging_participants_change",
        name: "Messaging Participants Change",
        description: "An agent joined or left, or the conversation went back to the queue.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"cbotEventType":"YOU_ARE_CONNECTED_TO","convId":"c1f4e3a2-0000-4000-8000-000000000006","oldParticipants":[],"newParticipants":[{"id":"agent-1","role":"ASSIGNED_AGENT"}]}"#,
        default_template: "auto_message",
    },
    Event {
        id: "controllerbot_messaging_ttr",
        name: "Messaging TTR",
        description: "The time to respond of a conversation changed.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"cbotEventType":"CONSUMER_ASKED_URGENT_RESPONSE_TIME","convId":"c1f4e3a2-0000-4000-8000-000000000007","oldTtr":{"ttrType":"NORMAL","value":3600},"newTtr":{"ttrType":"URGENT","value":300}}"#,
        default_template: "auto_message",
    },
    Event {
        id: "surveybot_messaging_survey_started",
        name: "Messaging Survey Started",
        description: "A post-conversation survey started.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"conversationId":"c1f4e3a2-0000-4000-8000-000000000008","accountId":"12345678","surveyId":"survey-1","skillId":"1","state":"OPEN"}"#,
        default_template: "survey",
    },
    Event {
        id: "surveybot_messaging_survey_ended",
        name: "Messaging Survey Ended",
        description: "A post-conversation survey ended.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: r#"{"conversationId":"c1f4e3a2-0000-4000-8000-000000000009","accountId":"12345678","surveyId":"survey-1","skillId":"1","state":"CLOSE","closeReason":"CONSUMER"}"#,
        default_template: "survey",
    },
    Event {
        id: "conversational_command",
        name: "Conversational Command",
        description: "An agent ran a /command in the Agent Workspace.",
        lambda_limit: 30,
        skills_filter: false,
        sample_payload: r#"{"conversationId":"c1f4e3a2-0000-4000-8000-00000000000a","arguments":["order","4711"]}"#,
        default_template: "conversational_command",
    },
    Event {
        id: "bot_connectors_custom_integration",
        name: "Third-Party Bots Custom Integration",
        description: "A consumer message for a custom bot integration.",
        lambda_limit: 15,
        skills_filter: false,
        sample_payload: r#"{"message":"I would like to speak to an agent","convId":"c1f4e3a2-0000-4000-8000-00000000000b","context":{"lpEvent":{},"lpSdes":{}}}"#,
        default_template: "bot_custom_integration",
    },
    Event {
        id: "bot_connectors_pre_hook",
        name: "Third-Party Bots Pre-Hook",
        description: "Runs before the request goes to the bot vendor.",
        lambda_limit: 15,
        skills_filter: false,
        sample_payload: r#"{"convId":"c1f4e3a2-0000-4000-8000-00000000000c","context":{},"message":"  hello  "}"#,
        default_template: "bot_pre_hook",
    },
    Event {
        id: "bot_connectors_post_hook",
        name: "Third-Party Bots Post-Hook",
        description: "Runs on the bot vendor's response.",
        lambda_limit: 15,
        skills_filter: false,
        sample_payload: r#"{"context":{},"messages":["Hi there!",""]}"#,
        default_template: "bot_post_hook",
    },
    Event {
        id: "bot_connectors_error_hook",
        name: "Third-Party Bots Error-Hook",
        description: "Runs when the bot vendor failed.",
        lambda_limit: 15,
        skills_filter: false,
        sample_payload: r#"{"error":{"message":"vendor timed out"},"vendor":"custom"}"#,
        default_template: "bot_error_hook",
    },
    Event {
        id: "denver_post_survey_email_transcript",
        name: "Chat Post Survey E-Mail Transcript",
        description: "A chat post survey was submitted; decide who gets the transcript.",
        lambda_limit: 10,
        skills_filter: false,
        sample_payload: r#"{"csatRank":2,"skillName":"Sales","agentName":"Alex","questionWithAnswers":[{"question":"How satisfied were you?","answer":"2"}]}"#,
        default_template: "email_transcript",
    },
];

/// A starting point for a new lambda.
#[derive(Debug)]
pub struct Template {
    /// Stable id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What it shows.
    pub description: &'static str,
    /// The code.
    pub code: &'static str,
    /// Offered for "No Event" lambdas (event templates are offered for their events).
    pub general: bool,
}

/// The templates. Each one deploys and runs on its event's sample payload.
pub const TEMPLATES: &[Template] = &[
    Template {
        id: "greeting",
        name: "Greeting Template",
        description: "Hello world: answers with a greeting.",
        code: include_str!("../templates/lambda/greeting.js"),
        general: true,
    },
    Template {
        id: "http",
        name: "HTTP Template",
        description: "Calls an external API with Toolbelt.HTTPClient (needs an allowlist entry).",
        code: include_str!("../templates/lambda/http.js"),
        general: true,
    },
    Template {
        id: "logging",
        name: "Logging Template",
        description: "Writes console logs at each level.",
        code: include_str!("../templates/lambda/logging.js"),
        general: true,
    },
    Template {
        id: "secret",
        name: "Secret Storage Template",
        description: "Reads and updates a secret (needs the secret 'my-counter').",
        code: include_str!("../templates/lambda/secret.js"),
        general: true,
    },
    Template {
        id: "auto_message",
        name: "Automatic Message Template",
        description: "Replaces the automatic message with a system message.",
        code: include_str!("../templates/lambda/auto_message.js"),
        general: false,
    },
    Template {
        id: "survey",
        name: "Survey Template",
        description: "Reacts to a survey event.",
        code: include_str!("../templates/lambda/survey.js"),
        general: false,
    },
    Template {
        id: "conversational_command",
        name: "Conversational Command Template",
        description: "Answers an agent's /command.",
        code: include_str!("../templates/lambda/conversational_command.js"),
        general: false,
    },
    Template {
        id: "bot_custom_integration",
        name: "Default Template",
        description: "Echoes the consumer and transfers on request.",
        code: include_str!("../templates/lambda/bot_custom_integration.js"),
        general: false,
    },
    Template {
        id: "bot_pre_hook",
        name: "Pre-Hook Template",
        description: "Trims the consumer message before the bot sees it.",
        code: include_str!("../templates/lambda/bot_pre_hook.js"),
        general: false,
    },
    Template {
        id: "bot_post_hook",
        name: "Post-Hook Template",
        description: "Drops empty bot messages.",
        code: include_str!("../templates/lambda/bot_post_hook.js"),
        general: false,
    },
    Template {
        id: "bot_error_hook",
        name: "Error-Hook Template",
        description: "Logs bot vendor errors.",
        code: include_str!("../templates/lambda/bot_error_hook.js"),
        general: false,
    },
    Template {
        id: "email_transcript",
        name: "E-Mail Transcript Template",
        description: "Sends low-rated chat transcripts to supervisors.",
        code: include_str!("../templates/lambda/email_transcript.js"),
        general: false,
    },
];

/// An event by id.
pub fn event(id: &str) -> Option<&'static Event> {
    EVENTS.iter().find(|e| e.id == id)
}

/// A template by id.
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// Templates offered for an event: its default first, then (for "No Event") the general ones.
pub fn templates_for(event: &Event) -> Vec<&'static Template> {
    let mut list: Vec<&'static Template> = template(event.default_template).into_iter().collect();
    if event.id == NO_EVENT {
        list.extend(TEMPLATES.iter().filter(|t| t.general && t.id != event.default_template));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_consistent() {
        for e in EVENTS {
            assert!(template(e.default_template).is_some(), "{} has its template", e.id);
            assert!(serde_json::from_str::<serde_json::Value>(e.sample_payload).is_ok(), "{} payload is JSON", e.id);
            assert_eq!(EVENTS.iter().filter(|o| o.id == e.id).count(), 1, "{} unique", e.id);
        }
        for t in TEMPLATES {
            let first = t.code.lines().next().unwrap_or_default();
            assert!(first.contains("function lambda("), "{} starts with the lambda declaration", t.id);
        }
        assert_eq!(EVENTS.len(), 16, "No Event plus the 15 LivePerson events");
    }
}
