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

/// An automatic-messages payload as LivePerson groups it: the conversation's fields under
/// `general`, then the event's own group (`routing`, `ttr`, …).
macro_rules! auto_message {
    ($event_type:literal, $conv:literal, $group:literal) => {
        concat!(
            r#"{"general":{"cbotEventType":""#,
            $event_type,
            r#"","type":"UPSERT","convId":"c1f4e3a2-0000-4000-8000-00000000000"#,
            $conv,
            r#"","dialogId":"c1f4e3a2-0000-4000-8000-00000000000"#,
            $conv,
            r#"","sessionId":"session-1","startTs":1700000000000,"effectiveTTR":1700000300000,"#,
            r#""oldConvState":"OPEN","newConvState":"OPEN","contexttype":"SharedConversationContext","#,
            r#""campaignInfo":{"id":"1234567890","engangementId":"2345678901"},"clientLanguage":"en-US","#,
            r#""clientFeatures":["PHOTO_SHARING","QUICK_REPLIES"],"inOffHours":false,"visitorId":"visitor-1","#,
            r#""originatorId":"consumer-1","originatorPid":"consumer-1","#,
            r#""originatorMetadata":{"id":"consumer-1","role":"CONSUMER"},"serverTimestamp":1700000000000,"#,
            r#""clientIpAdress":"203.0.113.7","manualETTR":0,"lastMessageComposer":"CONSUMER","#,
            r#""lastMessageTs":1700000000000,"lastAgentMsgTs":0,"backToQueueTs":0}"#,
            $group,
            "}"
        )
    };
}

/// A post-conversation survey payload.
macro_rules! survey {
    ($conv:literal, $state:literal, $close:literal) => {
        concat!(
            r#"{"conversationId":"c1f4e3a2-0000-4000-8000-00000000000"#,
            $conv,
            r#"","accountId":"12345678","surveyId":"3456789012","surveyRevision":"2","skillId":"1","#,
            r#""effectiveTTR":1700000300000,"state":""#,
            $state,
            r#"","closeReason":""#,
            $close,
            r#"","firstConversation":false,"startTs":1700000000000,"lastQuestionId":"question-2","#,
            r#""ttr":{"ttrType":"NORMAL","value":3600},"#,
            r#""campaignInfo":{"campaignId":"1234567890","engagementId":"2345678901"},"#,
            r#""lastContentEventNotification":{"originatorId":"consumer-1","originatorPId":"consumer-1","#,
            r#""sequence":7,"serverTimestamp":1700000600000,"#,
            r#""event":{"contentType":"text/plain","message":"5","type":"ContentEvent"},"#,
            r#""originatorClientProperties":{"type":"MOBILE_APP"}},"#,
            r#""context":{"clientProperties":{"type":"MOBILE_APP"},"interactionContextId":"2","lang":"en-US","#,
            r#""sessionId":"session-1","type":"SharedConversationContext","visitorId":"visitor-1"},"#,
            r#""dialogs":[{"dialogId":"c1f4e3a2-0000-4000-8000-00000000000"#,
            $conv,
            r#"","dialogType":"MAIN","state":"CLOSE"},{"dialogId":"survey-dialog-1","dialogType":"POST_SURVEY","state":"OPEN"}],"#,
            r#""participants":[{"id":"consumer-1","role":"CONSUMER"},{"id":"surveybot-1","role":"CONTROLLER"}]}"#
        )
    };
}

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
        sample_payload: auto_message!(
            "CONSUMER_OPEN_NEW_CONVERSATION_FIRST_TIME",
            "1",
            r#","newConversation":{"firstConversation":true}"#
        ),
        default_template: "new_conversation",
    },
    Event {
        id: "controllerbot_messaging_conversation_end",
        name: "Messaging Conversation End",
        description: "A messaging conversation was closed by the agent, the consumer or the system.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: auto_message!(
            "CONSUMER_END_CONVERSATION",
            "2",
            r#","conversationEnd":{"closeReason":"CONSUMER"}"#
        ),
        default_template: "conversation_end",
    },
    Event {
        id: "controllerbot_messaging_conversation_idle",
        name: "Messaging Conversation Idle",
        description: "A conversation is waiting: agent or consumer non-responsive, or awaiting in queue.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: auto_message!(
            "CONSUMER_NON_RESPONSIVE",
            "3",
            r#","idle":{"lastConsumerMsgTs":1700000000000,"agentNonResponsive":{"time":0,"timeUnits":"MINUTES"},"consumserNonResponsive":{"time":10,"timeUnits":"MINUTES"},"convNotTakenTime":{"time":0,"timeUnits":"MINUTES"}}"#
        ),
        default_template: "conversation_idle",
    },
    Event {
        id: "controllerbot_messaging_conversation_routing",
        name: "Messaging Conversation Routing",
        description: "A conversation was transferred to another skill.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: auto_message!(
            "ENGAGEMENT_TRANSFERED",
            "4",
            r#","routing":{"oldSkillId":"1","newSkillId":"2"}"#
        ),
        default_template: "conversation_routing",
    },
    Event {
        id: "controllerbot_messaging_mid_conversation_msg",
        name: "Messaging Line in Off-Hours",
        description: "A consumer wrote during off-hours.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: auto_message!(
            "CONSUMER_SEND_MESSAGE_ON_OFFHOURS",
            "5",
            r#","offHours":{"openedInOffHours":false}"#
        ),
        default_template: "off_hours",
    },
    Event {
        id: "controllerbot_messaging_participants_change",
        name: "Messaging Participants Change",
        description: "An agent joined or left, or the conversation went back to the queue.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: auto_message!(
            "YOU_ARE_CONNECTED_TO",
            "6",
            r#","participantsChange":{"oldParticipants":[{"id":"consumer-1","role":"CONSUMER"}],"newParticipants":[{"id":"consumer-1","role":"CONSUMER"},{"id":"agent-1","role":"ASSIGNED_AGENT"}]}"#
        ),
        default_template: "participants_change",
    },
    Event {
        id: "controllerbot_messaging_ttr",
        name: "Messaging TTR",
        description: "The time to respond of a conversation changed.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: auto_message!(
            "CONSUMER_ASKED_URGENT_RESPONSE_TIME",
            "7",
            r#","ttr":{"oldTtr":{"ttrType":"NORMAL","value":3600},"newTtr":{"ttrType":"URGENT","value":300}}"#
        ),
        default_template: "ttr",
    },
    // LivePerson's event id for this one is not published; this follows its sibling ids.
    Event {
        id: "controllerbot_messaging_consumer_step_up",
        name: "Messaging Consumer Step Up",
        description: "An unauthenticated consumer authenticated during the conversation.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: auto_message!("CONSUMER_STEP_UP", "e", r#","stepUp":{}"#),
        default_template: "consumer_step_up",
    },
    Event {
        id: "surveybot_messaging_survey_started",
        name: "Messaging Survey Started",
        description: "A post-conversation survey started.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: survey!("8", "OPEN", ""),
        default_template: "survey_started",
    },
    Event {
        id: "surveybot_messaging_survey_ended",
        name: "Messaging Survey Ended",
        description: "A post-conversation survey ended.",
        lambda_limit: 1,
        skills_filter: true,
        sample_payload: survey!("9", "CLOSE", "CONSUMER"),
        default_template: "survey_ended",
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
        sample_payload: r#"{"message":"I would like to speak to an agent","convId":"c1f4e3a2-0000-4000-8000-00000000000b","context":{"lpEvent":{"type":"ContentEvent","contentType":"text/plain"},"lpSdes":{"unauthenticatedSdes":{"ctmrinfo":{"customerType":"vip"}},"authenticatedSdes":{}}}}"#,
        default_template: "bot_custom_integration",
    },
    Event {
        id: "bot_connectors_pre_hook",
        name: "Third-Party Bots Pre-Hook",
        description: "Runs before the request goes to the bot vendor.",
        lambda_limit: 15,
        skills_filter: false,
        sample_payload: r#"{"convId":"c1f4e3a2-0000-4000-8000-00000000000c","context":{"lpEvent":{},"lpSdes":{}},"message":"  hello  "}"#,
        default_template: "bot_pre_hook",
    },
    Event {
        id: "bot_connectors_post_hook",
        name: "Third-Party Bots Post-Hook",
        description: "Runs on the bot vendor's response.",
        lambda_limit: 15,
        skills_filter: false,
        sample_payload: r#"{"context":{"intentId":"greeting","confidenceScore":0.92},"messages":["Hi there!",""]}"#,
        default_template: "bot_post_hook",
    },
    Event {
        id: "bot_connectors_error_hook",
        name: "Third-Party Bots Error-Hook",
        description: "Runs when the bot vendor failed.",
        lambda_limit: 15,
        skills_filter: false,
        sample_payload: r#"{"error":{"message":"vendor timed out","code":"ETIMEDOUT"},"vendor":"custom","convId":"c1f4e3a2-0000-4000-8000-00000000000d","message":"hello"}"#,
        default_template: "bot_error_hook",
    },
    Event {
        id: "denver_post_survey_email_transcript",
        name: "Chat Post Survey E-Mail Transcript",
        description: "A chat post survey was submitted; decide who gets the transcript.",
        lambda_limit: 10,
        skills_filter: false,
        sample_payload: r#"{"csatRank":2,"skillName":"Sales","agentName":"Alex","questionWithAnswers":[{"question":"How satisfied were you?","answer":"2"},{"question":"What could we improve?","answer":"speed;friendliness"}]}"#,
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
        id: "new_conversation",
        name: "Messaging New Conversation",
        description: "Welcomes the consumer, first-timers and off-hours differently.",
        code: include_str!("../templates/lambda/new_conversation.js"),
        general: false,
    },
    Template {
        id: "conversation_end",
        name: "Messaging Conversation End",
        description: "Says goodbye according to who closed the conversation.",
        code: include_str!("../templates/lambda/conversation_end.js"),
        general: false,
    },
    Template {
        id: "conversation_idle",
        name: "Messaging Conversation Idle",
        description: "Nudges a silent consumer, closes after 30 minutes; apologises for a slow agent.",
        code: include_str!("../templates/lambda/conversation_idle.js"),
        general: false,
    },
    Template {
        id: "conversation_routing",
        name: "Messaging Conversation Routing",
        description: "Tells the consumer which team the conversation moved to.",
        code: include_str!("../templates/lambda/conversation_routing.js"),
        general: false,
    },
    Template {
        id: "off_hours",
        name: "Messaging Line in Off-Hours",
        description: "Explains that the team is closed.",
        code: include_str!("../templates/lambda/off_hours.js"),
        general: false,
    },
    Template {
        id: "participants_change",
        name: "Messaging Participants Change",
        description: "Announces a connected agent, or a return to the queue.",
        code: include_str!("../templates/lambda/participants_change.js"),
        general: false,
    },
    Template {
        id: "ttr",
        name: "Messaging TTR",
        description: "Confirms the new time to respond.",
        code: include_str!("../templates/lambda/ttr.js"),
        general: false,
    },
    Template {
        id: "consumer_step_up",
        name: "Messaging Consumer Step Up",
        description: "Greets a consumer who signed in, optionally transfers to a skill.",
        code: include_str!("../templates/lambda/consumer_step_up.js"),
        general: false,
    },
    Template {
        id: "survey_started",
        name: "Messaging Survey Started",
        description: "Introduces the post-conversation survey.",
        code: include_str!("../templates/lambda/survey_started.js"),
        general: false,
    },
    Template {
        id: "survey_ended",
        name: "Messaging Survey Ended",
        description: "Logs the last answer and thanks the consumer.",
        code: include_str!("../templates/lambda/survey_ended.js"),
        general: false,
    },
    Template {
        id: "conversational_command",
        name: "Conversational Command",
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
        name: "Third-Party Bots Pre-Hook",
        description: "Trims the consumer message before the bot sees it.",
        code: include_str!("../templates/lambda/bot_pre_hook.js"),
        general: false,
    },
    Template {
        id: "bot_post_hook",
        name: "Third-Party Bots Post-Hook",
        description: "Drops empty bot messages.",
        code: include_str!("../templates/lambda/bot_post_hook.js"),
        general: false,
    },
    Template {
        id: "bot_error_hook",
        name: "Third-Party Bots Error-Hook",
        description: "Logs bot vendor errors.",
        code: include_str!("../templates/lambda/bot_error_hook.js"),
        general: false,
    },
    Template {
        id: "email_transcript",
        name: "Chat Post Survey E-Mail Transcript",
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
        assert_eq!(EVENTS.len(), 17, "No Event plus the 16 LivePerson events");
        for t in TEMPLATES.iter().filter(|t| !t.general) {
            assert!(EVENTS.iter().any(|e| e.default_template == t.id), "{} is offered for its event", t.id);
        }
    }

    #[test]
    fn automatic_message_samples_are_grouped_like_liveperson_s() {
        let sample = |id: &str| -> serde_json::Value {
            serde_json::from_str(event(id).map(|e| e.sample_payload).unwrap_or_default()).unwrap_or_default()
        };
        let routing = sample("controllerbot_messaging_conversation_routing");
        assert_eq!(routing["general"]["convId"], "c1f4e3a2-0000-4000-8000-000000000004");
        assert_eq!(routing["general"]["cbotEventType"], "ENGAGEMENT_TRANSFERED");
        assert_eq!(routing["routing"]["newSkillId"], "2");
        assert_eq!(sample("controllerbot_messaging_ttr")["ttr"]["newTtr"]["ttrType"], "URGENT");
        assert_eq!(sample("surveybot_messaging_survey_ended")["lastContentEventNotification"]["event"]["message"], "5");
    }
}
